// The dashboard's queries as its trusted documents hold them (apps/web/persisted-queries.json),
// by operation name: tests ask the same questions the pages ask.
import { readFileSync } from 'node:fs';
import { DEFAULT_MANIFEST } from '../src/graphql/trusted-documents.js';

export function trustedQueries(): Map<string, string> {
  const manifest = JSON.parse(readFileSync(DEFAULT_MANIFEST, 'utf8')) as {
    operations: { name: string; type: string; body: string }[];
  };
  return new Map(
    manifest.operations.filter((op) => op.type === 'query').map((op) => [op.name, op.body]),
  );
}
