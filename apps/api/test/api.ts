// Test helper for API tests: a fresh seeded database of one dialect behind createServer, and a
// `gql` function that POSTs JSON like a real client.
import type { MikroORM } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { seedDatabase } from '../src/db/seed.js';
import { createServer } from '../src/server.js';
import { createTestOrm, destroyTestOrm } from './db.js';
import type { DbKind } from '../src/db/orm-config.js';

/** Parsed JSON (tests index into responses freely). */
export type Json = ReturnType<typeof JSON.parse>;

export interface GqlResponse {
  status: number;
  data?: Record<string, Json>;
  errors?: { message: string; extensions: Record<string, Json> }[];
  extensions?: Record<string, Json>;
}

export interface TestApi {
  orm: MikroORM;
  app: FastifyInstance;
  gql(query: string, variables?: Record<string, unknown>): Promise<GqlResponse>;
  close(): Promise<void>;
}

export async function createTestApi(
  kind: DbKind,
  env: Record<string, string> = {},
  /** `ormEnv`: settings of the ORM's config (e.g. the import worker's heap limit). */
  options: { seed?: boolean; ormEnv?: Record<string, string> } = {},
): Promise<TestApi> {
  const orm = await createTestOrm(kind, options.ormEnv);
  if (options.seed ?? true) await seedDatabase(orm, { sampleActivities: true });
  const app = await createServer(
    // No warm-up unless a test asks (it starts only on listen: http/warm-up.ts).
    loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000', WARM_UP: '0', ...env }),
    orm,
  );
  return {
    orm,
    app,
    async gql(query, variables) {
      const res = await app.inject({
        method: 'POST',
        url: '/graphql',
        payload: { query, variables },
      });
      return { status: res.statusCode, ...res.json() };
    },
    async close() {
      await app.close();
      await destroyTestOrm(orm);
    },
  };
}
