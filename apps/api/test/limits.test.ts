import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './db.js';
import { createTestApi, type TestApi } from './api.js';

describe.each(DIALECTS)('query guard rails on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(
      kind,
      {
        GRAPHQL_MAX_COST: '3000',
        GRAPHQL_MAX_DEPTH: '8',
        GRAPHQL_MAX_ALIASES: '3',
        GRAPHQL_MAX_TOKENS: '400',
      },
      { seed: false },
    );
  });
  afterAll(() => api?.close());

  it('reports the cost of an accepted query in extensions.cost', async () => {
    const res = await api.gql('{ products(first: 10) { totalCount edges { node { name } } } }');
    expect(res.errors).toBeUndefined();
    // products 1 + 10 × (totalCount 1 + edges 0 + node 1 + name 1) = 31
    expect(res.extensions!.cost).toEqual({ complexity: 31, depth: 4, limit: 3000, maxDepth: 8 });
  });

  it('prices a connection by its page size', async () => {
    const small = await api.gql(
      '{ products(first: 10) { edges { node { name entity { name } } } } }',
    );
    const large = await api.gql(
      '{ products(first: 100) { edges { node { name entity { name } } } } }',
    );
    expect(large.extensions!.cost.complexity).toBeGreaterThan(
      9 * small.extensions!.cost.complexity,
    );
  });

  it('refuses an expensive query before running it, with QUERY_TOO_COMPLEX and the limit in the message', async () => {
    // Empty database: the connection costs as 1 row, but nested lists still multiply by 10 each.
    const res = await api.gql(`{ products(first: 100) { nodes { entity { products {
      evaluations { parts { part score max } sources { url title } }
      sources { url title } starHistory { change decision { number } }
    } } } } }`);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    const error = res.errors![0]!;
    expect(error.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(error.message).toMatch(/limit 3000/);
    expect(error.extensions.messageVi).toMatch(/giới hạn 3000/);
    expect(error.extensions.cost.complexity).toBeGreaterThan(3000);
  });

  it('refuses a query deeper than the limit with QUERY_TOO_DEEP', async () => {
    const res = await api.gql(
      '{ products(first: 1) { edges { node { entity { products { entity { products { entity { name } } } } } } } } }',
    );
    expect(res.errors![0]!.extensions.code).toBe('QUERY_TOO_DEEP');
    expect(res.errors![0]!.message).toMatch(/limit 8/);
  });

  it('refuses too many aliases with TOO_MANY_ALIASES', async () => {
    const res = await api.gql(
      '{ a: plans { code } b: plans { code } c: plans { code } d: plans { code } }',
    );
    expect(res.errors![0]!.extensions.code).toBe('TOO_MANY_ALIASES');
    expect(res.errors![0]!.message).toMatch(/limit 3/);
  });

  it('refuses a document with too many tokens with TOO_MANY_TOKENS', async () => {
    const res = await api.gql(`{ ${Array.from({ length: 450 }, () => '__typename').join(' ')} }`);
    expect(res.errors![0]!.extensions.code).toBe('TOO_MANY_TOKENS');
    expect(res.errors![0]!.message).toMatch(/400/);
  });

  it('maps schema validation errors to GRAPHQL_VALIDATION_FAILED with both languages', async () => {
    const res = await api.gql('{ noSuchField }');
    expect(res.errors![0]!.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      messageVi: expect.any(String),
      messageEn: expect.any(String),
    });
  });

  it('maps an invalid Date argument to INVALID_DATE', async () => {
    const res = await api.gql('{ plan(year: 2021) { targets(asOf: "2021-02-30") { code } } }');
    expect(res.errors![0]!.extensions.code).toMatch(/INVALID_DATE|GRAPHQL_VALIDATION_FAILED/);
    expect(res.errors![0]!.message).toMatch(/YYYY-MM-DD/);
  });
});
