// SQLite and PostgreSQL give the same answers (issue 10): every query the dashboard sends (its
// trusted documents, apps/web/persisted-queries.json) is asked of both dialects, seeded alike,
// with the variables its pages use, and the answers must be equal. stats-two-keys.test.ts does the
// same for stats only. Asked anonymously: what differs by viewer is tested elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustedQueries } from './trusted-queries.js';
import { createTestApi, type TestApi } from './api.js';

const operations = trustedQueries();

const AS_OF = '2025-12-31';
/** Each question: a trusted document's name and the variables asked. */
const QUESTIONS: [string, Record<string, unknown>][] = [
  ['DepartmentList', {}],
  ['DepartmentActivityKinds', { code: 'SNN' }],
  ['DepartmentDetail', { code: 'SNN', year: 2021, planYear: 2021, asOf: '2021-12-31', first: 50 }],
  ['DepartmentTaskProgress', { code: 'SNN' }],
  ['Districts', { planYear: 2021, asOf: '2021-12-31' }],
  ['Entities', { first: 100 }],
  ['Entities', { first: 20, filter: { unitCode: 'chau-phu' } }],
  ['EntryPlans', {}],
  ['EntryPlan', { id: '1' }],
  ['ExpiryCount', { asOf: '2024-06-30', days: 365 }],
  ['ExpiryRadar', { asOf: '2024-06-30', days: 365 }],
  ['PickerEntities', { search: 'Công ty' }],
  ['PickerProducts', { search: 'gạo' }],
  ['Plan', { year: 2021, asOf: '2021-12-31' }],
  ['PlanTrends', { year: 2021, asOf: '2021-12-31' }],
  ['PlanYears', {}],
  ['Product', { id: '1', asOf: AS_OF }],
  ['Products', { first: 100, asOf: AS_OF }],
  ['Products', { first: 40, asOf: AS_OF, filter: { search: 'gạo' } }],
  ['Products', { first: 40, asOf: AS_OF, filter: { stars: 4 } }],
  ['Programme', {}],
  ['ProgrammeTrend', { id: '2' }],
  ['Reconciliation', { measure: 'PRODUCTS', asOf: AS_OF }],
  ['Reference', { onDate: '2022-01-01' }],
  ['Responsibilities', { year: 2021, asOf: '2021-12-31' }],
  ['Stats', { measure: 'PRODUCTS', groupBy: 'UNIT', asOf: AS_OF }],
  ['Stats', { measure: 'CERTIFICATES', groupBy: 'YEAR', asOf: AS_OF }],
  ['TargetMetrics', {}],
];

describe('SQLite and PostgreSQL give the same answers to the dashboard', () => {
  let sqlite: TestApi;
  let pg: TestApi;
  beforeAll(async () => {
    [sqlite, pg] = await Promise.all([createTestApi('libsql'), createTestApi('postgresql')]);
  }, 120_000);
  afterAll(async () => {
    await sqlite?.close();
    await pg?.close();
  });

  it.each(QUESTIONS)('%s %j', async (name, variables) => {
    const query = operations.get(name);
    expect(query, name).toBeDefined();
    const [a, b] = [await sqlite.gql(query!, variables), await pg.gql(query!, variables)];
    expect(a.errors, name).toBeUndefined();
    expect(b.data).toEqual(a.data);
    expect(JSON.stringify(a.data)).not.toMatch(/^\{("[a-zA-Z]+":(null|\[\]),?)*\}$/);
  });
});
