// Every example of the dashboard's API page runs as shown against the seeded API (the web's own
// test only validates them against the schema): no errors, and some data in each answer.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './api.js';

// Loaded by path: the web app's file is outside this package's TypeScript project.
const examplesFile = fileURLToPath(new URL('../../web/src/pages/api-examples.ts', import.meta.url));
const { API_EXAMPLES, DATA_EXAMPLES } = (await import(examplesFile)) as {
  API_EXAMPLES: readonly { id: string; query: string }[];
  DATA_EXAMPLES: readonly { id: string; path: string }[];
};

describe('API page examples on the seeded SQLite database', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi('libsql');
  });
  afterAll(() => api?.close());

  it.each(API_EXAMPLES.map((e) => [e.id, e.query]))(
    '%s runs without errors',
    async (_id, query) => {
      const res = await api.gql(query);
      expect(res.errors).toBeUndefined();
      expect(Object.values(res.data ?? {}).some((v) => v !== null)).toBe(true);
    },
  );

  it.each(DATA_EXAMPLES.map((e) => [e.id, e.path]))(
    '%s (a data endpoint) answers 200 with data',
    async (_id, path) => {
      const res = await api.app.inject({ method: 'GET', url: path });
      expect(res.statusCode).toBe(200);
      if (path.includes('/data.csv?')) {
        // A header and at least one row after the byte-order mark.
        expect(
          res.body
            .replace(/^\uFEFF/, '')
            .split('\r\n')
            .filter(Boolean).length,
        ).toBeGreaterThan(1);
      } else {
        expect(res.json()).toHaveProperty('permalink');
      }
    },
  );
});
