// The KPI engine reads a plan's facts with a constant number of SQL statements: the dashboard's
// overview (plan 2021, every target with progress, owners and per-unit units) and the districts
// table, a products page of 40 and the unit × stars cross-tab each take at most 5 statements
// uncached, the same at seed size as with many more products.
// Each measurement first raises the data version, so nothing comes from the figure cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDecisionList } from '../src/modules/imports/decision-list-importer.js';
import { bumpDataVersion } from '../src/modules/data-version/data-version.service.js';
import { Product } from '../src/modules/products/product.entity.js';
import { createTestApi, type TestApi } from './api.js';
import { DIALECTS } from './db.js';
import { logStatements, type StatementLog } from './statement-log.js';
import { generateDecisionList } from './decision-list-generator.js';

// The dashboard's operations (apps/web/src/graphql/plan.ts and districts.ts), field for field.
const OVERVIEW = `query Plan($year: Int!, $asOf: Date) { plan(year: $year) {
  id year code title issuedOn periodStart periodEnd
  targets(asOf: $asOf) { id code kind labelVi labelEn definition definitionVi targetValue targetMax
    unitLabel owner { id code nameVi nameEn }
    progress(asOf: $asOf) { asOf actual numerator denominator target targetMax ratio met
      aboveUpperBound status statusRule statusReason statusReasonCode
      statusReasonParams { name number date } noData yearOnlyRecords sampleRecords
      perUnit { unit { id code name } value met } } } } }`;
const DISTRICTS = `query Districts($planYear: Int!, $asOf: Date) { districts(planYear: $planYear, asOf: $asOf) {
  unit { id code name type typeVi } participatingEntities productsEvaluated productsCertified
  passRate targetsMet } }`;

// The products list as the bench and the dashboard's products page ask it, and the unit × stars
// cross-tab.
const PRODUCTS = `query Products($first: Int!) { products(first: $first) { totalCount edges { node {
  name unit { name } entity { name unit { name } } currentStars
  latestDecision { number date { value } } certificate(asOf: "2022-06-30") { status } } } } }`;
const STATS = `query Stats($asOf: Date) { stats(measure: PRODUCTS, groupBy: UNIT, thenBy: STARS, asOf: $asOf) {
  rows { key key2 count } } }`;

describe.each(DIALECTS)('SQL statements of the KPI engine on %s', (kind) => {
  let api: TestApi;
  let log: StatementLog;
  beforeAll(async () => {
    api = await createTestApi(kind);
    log = logStatements(api.orm);
  });
  afterAll(() => api?.close());

  async function uncached(query: string, variables: Record<string, unknown>) {
    await api.orm.em.fork().transactional((tx) => bumpDataVersion(tx));
    log.reset();
    const res = await api.gql(query, variables);
    expect(res.errors).toBeUndefined();
    return { count: log.statements.length, data: res.data! };
  }

  it('≤ 5 statements for the overview, the districts, products first:40 and stats unit × stars, the same with 600 more products', async () => {
    const operations = [
      [OVERVIEW, { year: 2021, asOf: '2021-12-31' }],
      [DISTRICTS, { planYear: 2021, asOf: '2021-12-31' }],
      [PRODUCTS, { first: 40 }],
      [STATS, { asOf: '2022-12-31' }],
    ] as const;
    const atSeed = [];
    for (const [query, variables] of operations) atSeed.push(await uncached(query, variables));

    const before = await api.orm.em.fork().count(Product, {});
    const list = generateDecisionList(600, 'Quy mô');
    const report = await importDecisionList(api.orm.em.fork(), {
      fileName: 'scale.csv',
      content: list.csv,
    });
    expect(report.applied).toBe(true);
    expect(await api.orm.em.fork().count(Product, {})).toBe(before + list.products);

    for (const [index, [query, variables]] of operations.entries()) {
      const grown = await uncached(query, variables);
      console.log(
        `[${kind}] statements: seed ${atSeed[index]!.count}, +600 products ${grown.count}`,
      );
      expect(grown.count).toBe(atSeed[index]!.count);
      expect(grown.count).toBeLessThanOrEqual(5);
      // The generated 2021–2022 decisions change the figures: the facts were really read.
      expect(grown.data).not.toEqual(atSeed[index]!.data);
    }
  });
});
