// @vitest-environment node
// persisted-queries.json (the trusted documents the API accepts by id over GET) is generated from
// the dashboard's operations by `pnpm --filter @ocop/web persisted`. This test builds it again in
// memory and fails when the committed file is stale, and checks that the ids the client computes
// in the browser (sha256.ts) are the SHA-256 that Node computes for the same text.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import committed from '../../persisted-queries.json?raw';
import {
  isOperationExport,
  manifestText,
  persistedManifest,
  type PersistedQueryManifest,
} from './persisted';
import { sha256Hex } from './sha256';

const modules = import.meta.glob<Record<string, unknown>>(['./*.ts', '!./*.test.ts', '!./*.d.ts'], {
  eager: true,
});
const documents = Object.values(modules).flatMap((exports) =>
  Object.entries(exports)
    .filter(([name]) => isOperationExport(name))
    .map(([, value]) => value as Parameters<typeof persistedManifest>[0][number]),
);

describe('persisted-queries.json', () => {
  it('holds every operation of the dashboard, each id the SHA-256 of its body', () => {
    const manifest = JSON.parse(committed) as PersistedQueryManifest;
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.operations.length).toBe(documents.length);
    for (const op of manifest.operations)
      expect(op.id).toBe(createHash('sha256').update(op.body).digest('hex'));
    expect(manifest.operations.find((op) => op.name === 'Plan')?.type).toBe('query');
    expect(manifest.operations.find((op) => op.name === 'SignIn')?.type).toBe('mutation');
  });

  it('is up to date with src/graphql (else run `pnpm --filter @ocop/web persisted`)', () => {
    expect(
      committed === manifestText(persistedManifest(documents)),
      'persisted-queries.json is stale: run `pnpm --filter @ocop/web persisted`',
    ).toBe(true);
  });
});

describe('sha256Hex', () => {
  it.each(['', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'Tiếng Việt ★ '.repeat(40)])(
    'equals node:crypto for %j',
    (text) => {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
    },
  );
});
