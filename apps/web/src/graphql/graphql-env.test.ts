// @vitest-environment node
// graphql-env.d.ts (the introspection gql.tada derives every operation's types from) is generated
// from apps/api/schema.graphql by `pnpm gql:generate`. This test regenerates it in memory the way
// that command does and fails when the committed file is stale.
import { fileURLToPath } from 'node:url';
import {
  extractIntrospectionHeader,
  loadFromSDL,
  minifyIntrospection,
  outputIntrospectionFile,
} from 'gql.tada/internal';
import { describe, expect, it } from 'vitest';
import committed from './graphql-env.d.ts?raw';
import tsconfigText from '../../tsconfig.json?raw';

const schemaFile = fileURLToPath(new URL('../../../api/schema.graphql', import.meta.url));

describe('graphql-env.d.ts', () => {
  it('is generated from apps/api/schema.graphql as configured in tsconfig.json', () => {
    const tsconfig = JSON.parse(tsconfigText) as {
      compilerOptions: { plugins?: Record<string, unknown>[] };
    };
    expect(tsconfig.compilerOptions.plugins).toContainEqual({
      name: 'gql.tada/ts-plugin',
      schema: '../api/schema.graphql',
      tadaOutputLocation: './src/graphql/graphql-env.d.ts',
    });
  });

  it('is up to date with apps/api/schema.graphql (else run `pnpm --filter @ocop/web gql:generate`)', async () => {
    const { introspection } = await loadFromSDL({ file: schemaFile }).load();
    const expected = outputIntrospectionFile(minifyIntrospection(introspection), {
      fileType: 'graphql-env.d.ts',
      shouldPreprocess: true,
      preamble: extractIntrospectionHeader(committed) ?? undefined,
    });
    expect(
      committed === expected,
      'src/graphql/graphql-env.d.ts is stale: run `pnpm --filter @ocop/web gql:generate`',
    ).toBe(true);
  });
});
