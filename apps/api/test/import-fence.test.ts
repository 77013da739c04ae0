// The import fence (src/db/import-fence.ts) on the read side: while `import_fence` records the id
// ranges of an unfinished import, the rows in them, and the links pointing at them, are seen by NO
// read: the answers to the dashboard's and the analysts' questions stay byte-identical to those
// given before the rows were written. Once the ranges are deleted (the import's publishing
// transaction does that) the same questions see the rows, so the first half cannot pass by
// answering nothing new. SQLite only: PostgreSQL imports in one transaction and has no fence (no
// `import_fence` table; visibleSql gives `true` there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FENCED_TABLES, type FencedTable } from '../src/db/import-fence.js';
import {
  fetchReferences,
  type References,
} from '../src/modules/imports/decision-list-references.js';
import { raiseSegmentsOfFencedRows } from '../src/modules/data-version/fact-segments.js';
import { sqlOf } from '../src/modules/imports/sql-batch.js';
import { sqlEm } from '../src/modules/shared/sql-em.js';
import { trustedQueries } from './trusted-queries.js';
import { createTestApi, type GqlResponse, type TestApi } from './api.js';
import { FENCE_RUN_ID, insertImportRows, type ImportRows } from './import-fence-rows.js';

const operations = trustedQueries();

const AS_OF = '2025-12-31';
const TOTAL = '{ totalCount }';
const STATS = `query($m: StatsMeasure!, $b: CertifiedBasis, $asOf: Date, $f: StatsFilter) {
  stats(measure: $m, groupBy: UNIT, thenBy: STARS, basis: $b, asOf: $asOf, filter: $f) {
    rows { key key2 count } total yearOnlyRecords decisions { id } sources { id url } } }`;
const SERIES = `query($m: StatsMeasure!, $c: Boolean, $b: CertifiedBasis) {
  statsSeries(measure: $m, interval: QUARTER, from: "2020-01-01", to: "2025-12-31", cumulative: $c, basis: $b) {
    points { label count yearOnlyRecords } } }`;
const SORTED = `query($by: ProductSortField!, $s: String) {
  products(first: 100, sort: { by: $by, direction: DESC }, filter: { search: $s }) {
    totalCount edges { node { id currentStars latestDecision { id } } } } }`;
const EVALUATIONS = `query($f: ProductFilter) { evaluations(first: 100, filter: $f) {
  totalCount edges { node { id date { value } product { id } sources { id } } } } }`;
const DECISIONS = `{ decisions(first: 100) { totalCount edges { node { id number batch
  items { product { id } stars } sources { id } } } } }`;
/** Over the cost limit on page sizes: charged on the rows the tables hold (loadRowBounds). */
const COSTLY = `{ products(first: 100) { edges { node { id evaluations { id level stars }
  sources { id url } } } } }`;

/** The ids of each fenced table among an importer's references (to records and sources). */
function referencedIds(refs: References): Record<FencedTable, number[]> {
  const decisions = [...refs.decisionsByGroupKey.values(), ...refs.decisionsByIdentity.values()];
  return {
    source: [...refs.sources.values()],
    economic_entity: [...refs.entities.values()].map((e) => e.id),
    product: [...refs.products.values()].flat().map((p) => p.id),
    evaluation: [...refs.evaluations.values()].map((e) => e.id),
    decision: decisions.map((d) => d.id),
    decision_item: [...refs.items.values()].map((i) => i.id),
    certificate: [...refs.certificates.values()].flat().map((c) => c.id),
  };
}

/** The references a second import naming the fenced rows (and an existing product) reads. */
async function referencesOf(api: TestApi, rows: ImportRows) {
  const lines = rows.productNames.map(({ name, unitId }, i) => ({
    line: i + 1,
    productName: name,
    entityName: 'Hợp tác xã Fencetest',
    entityType: null,
    commune: null,
    districtName: null,
    group1048: null,
    stars: 4,
    score: null,
    level: 'province' as const,
    decisionNumber: '1/QĐ-FENCETEST',
    date: { date: '2021-06-15', precision: 'day' as const },
    year: 2021,
    batch: null,
    sourceUrls: ['https://example.org/fencetest-1'],
    unitId,
  }));
  const refs = await fetchReferences(sqlEm(api.orm.em.fork()).getKnex(), lines);
  const unit = rows.productNames[1]!.unitId;
  return { ids: referencedIds(refs), newCommune: refs.knownCommunes.has(`${unit}|fencetest`) };
}

/** A question: a trusted document's name (or a query) and its variables. */
type Question = [string, Record<string, unknown>];

const questions = (rows: ImportRows): Question[] => [
  ['Plan', { year: 2021, asOf: '2021-12-31' }],
  ['Plan', { year: 2023, asOf: '2023-12-31' }],
  ['PlanTrends', { year: 2021, asOf: '2021-12-31' }],
  ['Programme', {}],
  ['Districts', { planYear: 2021, asOf: '2021-12-31' }],
  ['Districts', { planYear: 2023, asOf: '2023-12-31' }],
  ['Responsibilities', { year: 2021, asOf: '2021-12-31' }],
  ['DepartmentDetail', { code: 'SNN', year: 2021, planYear: 2021, asOf: '2021-12-31', first: 50 }],
  ['Products', { first: 100, asOf: AS_OF }],
  ['Products', { first: 100, asOf: AS_OF, filter: { starsOnDate: [4], asOf: '2023-06-30' } }],
  [
    'Products',
    { first: 100, asOf: AS_OF, filter: { certificateStatus: 'VALID', asOf: '2023-06-30' } },
  ],
  ['Products', { first: 100, asOf: AS_OF, filter: { certificateStatus: 'EXPIRED', asOf: AS_OF } }],
  ['Products', { first: 100, asOf: AS_OF, filter: { starsEver: [3, 4] } }],
  ['Products', { first: 100, asOf: AS_OF, filter: { decisionYear: 2021 } }],
  ['Products', { first: 40, asOf: AS_OF, filter: { search: 'gạo' } }],
  ['Products', { first: 40, asOf: AS_OF, filter: { search: 'fencetest' } }],
  ['Products', { first: 40, asOf: AS_OF, filter: { search: 'ng' } }],
  ['Products', { first: 40, asOf: AS_OF, filter: { commune: 'fencetest' } }],
  [
    `{ products(first: 1) ${TOTAL} entities(first: 1) ${TOTAL} evaluations(first: 1) ${TOTAL} }`,
    {},
  ],
  [SORTED, { by: 'STARS' }],
  [SORTED, { by: 'DECISION_DATE' }],
  [SORTED, { by: 'STARS', s: 'gạo' }],
  ['PickerProducts', { search: 'fencetest' }],
  ['PickerEntities', { search: 'fencetest' }],
  ...rows.existingProducts.map((id): Question => ['Product', { id: String(id), asOf: AS_OF }]),
  ['Product', { id: String(rows.newProduct), asOf: AS_OF }],
  ['Entities', { first: 100 }],
  ['Entities', { first: 100, filter: { search: 'fencetest' } }],
  ['Entities', { first: 100, filter: { starsEver: [3, 4] } }],
  [EVALUATIONS, {}],
  [EVALUATIONS, { f: { search: 'gạo' } }],
  [DECISIONS, {}],
  ...['PRODUCTS', 'ENTITIES', 'CERTIFICATES', 'EVALUATIONS'].flatMap((m): Question[] => [
    [STATS, { m }],
    [STATS, { m, b: 'VALID_ON_AS_OF', asOf: '2023-06-30' }],
    [STATS, { m, f: { stars: [4] } }],
    [SERIES, { m }],
    [SERIES, { m, c: true, b: 'VALID_ON_AS_OF' }],
  ]),
  ['Stats', { measure: 'PRODUCTS', groupBy: 'UNIT', asOf: AS_OF }],
  ['ExpiryRadar', { asOf: '2024-06-30', days: 365 }],
  ['ExpiryRadar', { asOf: '2025-06-30', days: 365 }],
  ['ExpiryCount', { asOf: '2025-06-30', days: 365 }],
  ...['PRODUCTS', 'CERTIFICATES'].map((measure): Question => [
    'Reconciliation',
    { measure, asOf: AS_OF },
  ]),
  ['Reconciliation', { measure: 'PRODUCTS', basis: 'VALID_ON_AS_OF', asOf: '2023-06-30' }],
  [COSTLY, {}],
];

describe('an unfinished import on libsql (the import fence)', () => {
  let api: TestApi;
  let rows: ImportRows;
  let before: Map<string, string>;
  const key = ([q, v]: Question) => `${q.slice(0, 60)} ${JSON.stringify(v)}`;
  const ask = async ([q, variables]: Question): Promise<GqlResponse> =>
    api.gql(operations.get(q) ?? q, variables);
  const askAll = async (list: Question[]) => {
    const answers = new Map<string, string>();
    for (const question of list) answers.set(key(question), JSON.stringify(await ask(question)));
    return answers;
  };
  /** Cached figures belong to a data version: a new one makes every question run its SQL again. */
  const bumpDataVersion = () =>
    api.orm.em
      .getConnection()
      .execute('update data_version set version = version + 1 where id = 1');

  beforeAll(async () => {
    api = await createTestApi('libsql');
    const probe = await insertImportRows(api.orm, { dryRun: true });
    before = await askAll(questions(probe));
    rows = await insertImportRows(api.orm, { dryRun: false });
    await bumpDataVersion();
  }, 120_000);
  afterAll(() => api?.close());

  it('answers every question as before while the ranges are recorded', async () => {
    expect(before.size).toBe(questions(rows).length);
    for (const question of questions(rows)) {
      const answer = JSON.parse(before.get(key(question))!) as GqlResponse;
      expect(answer.errors, key(question)).toBeUndefined();
      expect(answer.status, key(question)).toBe(200);
      expect
        .soft(JSON.stringify(await ask(question)), key(question))
        .toBe(before.get(key(question)));
    }
  });

  it("keeps them out of a second import's references (decision-list-references.ts)", async () => {
    const { ids, newCommune } = await referencesOf(api, rows);
    for (const table of FENCED_TABLES) {
      const [lo, hi] = rows.ranges[table];
      expect(
        ids[table].filter((id) => id >= lo && id <= hi),
        table,
      ).toEqual([]);
    }
    expect(newCommune).toBe(false);
  });

  it('sees the rows once the ranges are deleted', async () => {
    // As the import's publication does (decision-list-fenced-copy.ts): the fenced rows' segments
    // rise, the ranges go, the data version rises.
    await raiseSegmentsOfFencedRows(sqlOf(api.orm.em.fork()), FENCE_RUN_ID);
    await api.orm.em.getConnection().execute('delete from import_fence');
    await bumpDataVersion();
    const after = await askAll(questions(rows));
    const changed = [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
    // Every group of questions sees the new rows (listed, not counted: a failure names them).
    for (const start of [
      'Plan {"year":2021',
      'Districts {"planYear":2021',
      'Products {"first":100,"asOf":"2025-12-31"}',
      'Products {"first":40,"asOf":"2025-12-31","filter":{"search":"fencetest"}}',
      'Products {"first":40,"asOf":"2025-12-31","filter":{"commune":"fencetest"}}',
      '{ products(first: 1)',
      'PickerEntities',
      `Product {"id":"${rows.existingProducts[0]}"`,
      `Product {"id":"${rows.existingProducts[1]}"`,
      `Product {"id":"${rows.newProduct}"`,
      'Entities {"first":100,"filter":{"search":"fencetest"}}',
      'ExpiryRadar {"asOf":"2025-06-30"',
      'Reconciliation {"measure":"PRODUCTS","asOf"',
      COSTLY.slice(0, 60),
    ])
      expect(changed.filter((k) => k.startsWith(start)).length, start).toBeGreaterThan(0);
    for (const m of ['PRODUCTS', 'ENTITIES', 'CERTIFICATES', 'EVALUATIONS'])
      expect(changed.filter((k) => k.includes(`"m":"${m}"`)).length, m).toBeGreaterThanOrEqual(4);
    const search = await ask([
      'Products',
      { first: 40, asOf: AS_OF, filter: { search: 'fencetest' } },
    ]);
    expect(search.data!.products.totalCount).toBe(2);
    const counts = await ask([`{ products(first: 1) ${TOTAL} entities(first: 1) ${TOTAL} }`, {}]);
    const seen = JSON.parse(
      before.get(
        key([
          `{ products(first: 1) ${TOTAL} entities(first: 1) ${TOTAL} evaluations(first: 1) ${TOTAL} }`,
          {},
        ]),
      )!,
    );
    expect(counts.data!.products.totalCount).toBe(seen.data.products.totalCount + 2);
    expect(counts.data!.entities.totalCount).toBe(seen.data.entities.totalCount + 1);
    const { ids, newCommune } = await referencesOf(api, rows);
    for (const table of FENCED_TABLES) {
      const [lo, hi] = rows.ranges[table];
      expect(ids[table].filter((id) => id >= lo && id <= hi).length, table).toBeGreaterThan(0);
    }
    expect(newCommune).toBe(true);
  });
});
