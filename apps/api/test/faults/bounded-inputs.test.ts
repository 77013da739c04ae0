// Bounded inputs (issue 11, point 7): every bad input is refused before execution with its code
// and the GraphQL error shape, never "Internal server error" or a bare HTTP status.
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_STATUS_BY_CODE, httpStatusForCode } from '../../src/graphql/http-status.js';
import { MAX_SAME_FIELD } from '../../src/graphql/limits.js';
import { createTestApi, type GqlResponse, type TestApi } from '../api.js';
import { DIALECTS } from '../db.js';

const PRODUCTS =
  'query($f: ProductFilter, $after: String) { products(first: 5, filter: $f, after: $after) { totalCount } }';
const first = (res: GqlResponse) => res.errors?.[0]?.extensions;

describe.each(DIALECTS)('bounded inputs on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    // A small upload limit keeps the oversize body small: body limit = 4/3 · 3000 + 64 KiB.
    api = await createTestApi(kind, { IMPORT_MAX_BYTES: '3000' });
  });
  afterAll(() => api.close());

  it('answers a body over the limit with VALIDATION_FAILED in the GraphQL shape (not a bare 413)', async () => {
    const bodyLimit = Math.ceil((3000 * 4) / 3) + 64 * 1024;
    const res = await api.app.inject({
      method: 'POST',
      url: '/graphql',
      payload: {
        query:
          'mutation($f: String!, $c: String!) { importDecisionList(fileName: $f, contentBase64: $c, dryRun: true) { rowsRead } }',
        variables: { f: 'big.csv', c: 'A'.repeat(bodyLimit) },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const body = res.json();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'body',
      limitBytes: bodyLimit,
    });
    expect(body.errors[0].extensions.messageVi).toBe(
      'Yêu cầu lớn hơn 68 KB. Tệp nhập dữ liệu tối đa 3 KB; các tham số khác nhỏ hơn nhiều.',
    );
    expect(body.errors[0].message).toBe(
      'The request is larger than 68 KB. An import file may have at most 3 KB; other arguments are far smaller.',
    );
  });

  it('bounds search to 200 characters, before running anything', async () => {
    const ok = await api.gql(PRODUCTS, { f: { search: 'mắm'.padEnd(200, ' ') } });
    expect(ok.errors).toBeUndefined();
    const res = await api.gql(PRODUCTS, { f: { search: 'm'.repeat(201) } });
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(first(res)).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'filter.search',
      maxLength: 200,
      messageEn: '"filter.search" is 201 characters long; at most 200 are allowed.',
      messageVi: '"filter.search" dài 201 ký tự; tối đa 200 ký tự.',
    });
    // The 2.5 MB search is refused the same way (inside the body limit of a default server).
    const literal = await api.gql(
      `{ products(first: 1, filter: { search: "${'x'.repeat(5000)}" }) { totalCount } }`,
    );
    expect(first(literal)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'filter.search' });
  });

  it('bounds every other string (2,000), IDs (64) and cursors (200), in arguments and inputs', async () => {
    const note = await api.gql(
      'mutation($i: ActivityInput!) { recordActivity(input: $i) { id } }',
      {
        i: { departmentCode: 'SNN', kind: 'training', date: '2021-05-01', note: 'n'.repeat(2001) },
      },
    );
    expect(first(note)).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'input.note',
      maxLength: 2000,
    });
    const id = await api.gql('query($id: ID!) { product(id: $id) { id } }', { id: '1'.repeat(65) });
    expect(first(id)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id', maxLength: 64 });
    const cursor = await api.gql(PRODUCTS, { after: 'Y'.repeat(201) });
    expect(first(cursor)).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'after',
      maxLength: 200,
    });
    const password = await api.gql(
      'mutation { signIn(email: "a@b.vn", password: "' + 'p'.repeat(201) + '") { token } }',
    );
    expect(first(password)).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'password',
      maxLength: 200,
    });
  });

  it('bounds lists to 100 items (a 600,000-item stars list included)', async () => {
    const stars = await api.gql(PRODUCTS, { f: { stars: Array<number>(101).fill(3) } });
    expect(first(stars)).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'filter.stars',
      maxItems: 100,
      messageVi: '"filter.stars" có 101 phần tử; tối đa 100 phần tử.',
    });
    // The 600,000-item list (1.2 MB) on a server with the default body limit.
    const roomy = await createTestApi(kind, {}, { seed: false });
    try {
      const huge = await roomy.gql(PRODUCTS, { f: { starsEver: Array<number>(600_000).fill(5) } });
      expect(huge.status).toBe(400);
      expect(first(huge)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'filter.starsEver' });
    } finally {
      await roomy.close();
    }
    const parts = Array.from({ length: 101 }, () => ({ part: 'A', score: 1 }));
    const literal = await api.gql(
      'query($p: [PartScoreInput!]!) { rateScorecard(parts: $p) { total } }',
      {
        p: parts,
      },
    );
    expect(first(literal)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'parts' });
    const ok = await api.gql(PRODUCTS, { f: { stars: [3, 4, 5] } });
    expect(ok.errors).toBeUndefined();
  });

  it('refuses NUL characters anywhere in text with VALIDATION_FAILED, not an internal error', async () => {
    const variable = await api.gql(PRODUCTS, { f: { search: 'mắm\u0000' } });
    expect(first(variable)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'filter.search' });
    expect(variable.errors![0]!.extensions.messageVi).toBe(
      '"filter.search" chứa ký tự NUL (\\u0000), không được phép có trong văn bản.',
    );
    const literal = await api.gql(
      '{ products(first: 1, filter: { unitCode: "chau\\u0000phu" }) { totalCount } }',
    );
    expect(first(literal)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'filter.unitCode' });
    const signIn = await api.gql(
      'mutation($e: String!) { signIn(email: $e, password: "x") { token } }',
      {
        e: 'a\u0000@b.vn',
      },
    );
    expect(first(signIn)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'email' });
  });

  it('refuses cursors the API did not issue, huge offsets included', async () => {
    for (const after of [
      'garbage',
      Buffer.from('arrayconnection:99999999999999999999999').toString('base64'),
      Buffer.from('arrayconnection:-5').toString('base64'),
    ]) {
      const res = await api.gql(PRODUCTS, { after });
      expect(res.status, after).toBe(400);
      expect(first(res), after).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
    }
  });

  it('prices introspection by what it returns', async () => {
    const cheap = await api.gql('{ __typename }');
    expect(cheap.extensions!.cost.complexity).toBeLessThan(5);
    const full = await api.gql(getIntrospectionQuery());
    expect(full.errors).toBeUndefined();
    const cost = full.extensions!.cost.complexity as number;
    // One per object of the answer: types, fields, arguments, type references…
    expect(cost).toBeGreaterThan(2000);
    const one = await api.gql('{ __type(name: "Product") { name fields { name } } }');
    const fields = one.data!.__type.fields.length as number;
    expect(fields).toBeGreaterThan(10);
    expect(one.extensions!.cost.complexity).toBeGreaterThanOrEqual(1 + fields);
    // Three full copies in one request are over the limit (5000), refused before execution.
    const q = getIntrospectionQuery();
    const fragments = q.slice(q.indexOf('fragment FullType'));
    const copies = ['a', 'b', 'c'].map((alias) => `${alias}: __schema { ...S }`).join(' ');
    const tripled = await api.gql(
      `query T { ${copies} } fragment S on __Schema { queryType { name } types { ...FullType } directives { name args { ...InputValue } } } ${fragments}`,
    );
    expect(tripled.status).toBe(400);
    expect(first(tripled)).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(tripled.data).toBeUndefined();
  });

  it('answers many duplicated fields with a clear message, not only "Validation aborted."', async () => {
    const res = await api.gql(`{ ${'__typename '.repeat(1900)}}`);
    expect(res.status).toBe(400);
    expect(first(res)).toMatchObject({ code: 'DUPLICATE_FIELDS', limit: MAX_SAME_FIELD });
    expect(res.errors![0]!.message).toBe(
      `Field "__typename" is selected 1900 times in one selection set (at most ${MAX_SAME_FIELD}); select each field once.`,
    );
    expect(res.errors![0]!.extensions.messageVi).toBe(
      `Trường "__typename" được chọn 1900 lần trong một tập lựa chọn (tối đa ${MAX_SAME_FIELD}); hãy chọn mỗi trường một lần.`,
    );
    for (const e of res.errors!) expect(e.message).not.toBe('Validation aborted.');
    // More than 100 errors: graphql-js stops; its last error says why, in both languages.
    const many = await api.gql(`{ ${Array.from({ length: 150 }, (_, i) => `x${i}`).join(' ')} }`);
    const last = many.errors!.at(-1)!;
    expect(last.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(last.message).toMatch(/^The query was not checked to the end/);
    expect(last.extensions.messageVi).toMatch(/^Truy vấn không được kiểm tra hết/);
  });

  it('counts duplicated fields through fragments, so spreading them out still gets the clear message', async () => {
    // Found by a black-box audit: 70 fragments of 20 `totalCount` each (1,400 selections of one
    // field) passed the per-set count, and graphql-js gave up with "Validation aborted.", our
    // "fix the errors listed before this one" then the only error, with none listed before it.
    const fragments = Array.from(
      { length: 70 },
      (_, i) => `fragment F${i} on ProductConnection { ${'totalCount '.repeat(20)}}`,
    );
    const spreads = fragments.map((_, i) => `...F${i}`).join(' ');
    const res = await api.gql(`{ products { ${spreads} } } ${fragments.join(' ')}`);
    expect(res.status).toBe(400);
    expect(first(res)).toMatchObject({ code: 'DUPLICATE_FIELDS', limit: MAX_SAME_FIELD });
    expect(res.errors![0]!.message).toMatch(/^Field "totalCount" is selected 1400 times/);
    // Inline fragments count too; the same field under 20 spreads in all is still accepted.
    const inline = await api.gql(
      `{ products { ${'... on ProductConnection { totalCount } '.repeat(21)}} }`,
    );
    expect(first(inline)).toMatchObject({ code: 'DUPLICATE_FIELDS' });
    const fine = await api.gql(
      `{ products { ...A ...B } } fragment A on ProductConnection { ${'totalCount '.repeat(10)}} fragment B on ProductConnection { ${'totalCount '.repeat(10)}}`,
    );
    expect(fine.errors).toBeUndefined();
  });

  it('takes every status from one code → status mapping', async () => {
    expect(HTTP_STATUS_BY_CODE).toEqual({
      UNAUTHENTICATED: 401,
      INVALID_CREDENTIALS: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      METHOD_NOT_ALLOWED: 405,
      VERSION_CONFLICT: 409,
      DUPLICATE: 409,
      TOO_MANY_ATTEMPTS: 429,
      RATE_LIMITED: 429,
      INTERNAL_SERVER_ERROR: 500,
      STORAGE_UNAVAILABLE: 503,
    });
    for (const code of [
      'VALIDATION_FAILED',
      'QUERY_TOO_COMPLEX',
      'DUPLICATE_FIELDS',
      'GRAPHQL_PARSE_FAILED',
    ])
      expect(httpStatusForCode(code), code).toBe(400);
    const parse = await api.gql('{ products(');
    expect(parse.status).toBe(400);
    const unauthenticated = await api.gql('{ users { id } }');
    expect(unauthenticated.status).toBe(httpStatusForCode(first(unauthenticated)?.code));
    // The data endpoints use the same mapping.
    const csv = await api.app.inject({ method: 'GET', url: '/figures/data.csv?unit=khong-co' });
    expect(csv.statusCode).toBe(400);
    expect(csv.json().errors[0].field).toBe('filter.unitCode');
  });
});
