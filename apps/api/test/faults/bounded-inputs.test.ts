// Bounded inputs (issue 11, point 7): every bad input is refused before execution with its code
// and the GraphQL error shape, never "Internal server error" or a bare HTTP status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../db.js';

describe.each(DIALECTS)('bounded inputs on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    // A small upload limit keeps the oversize body small: body limit = 4/3 · 3000 + 64 KiB.
    api = await createTestApi(kind, { IMPORT_MAX_BYTES: '3000' }, { seed: false });
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
});
