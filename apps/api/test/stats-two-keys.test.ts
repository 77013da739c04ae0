// stats with two keys in one SQL GROUP BY (groupBy + thenBy), zero cells on request, and the
// optional parts (total, decisions, labels) computed only when selected. SQLite and PostgreSQL
// give the same answers to the same questions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpDataVersion } from '../src/modules/data-version/data-version.service.js';
import { askedOfWorker } from '../src/modules/plans/plan-progress-thread.js';
import { createTestApi, type Json, type TestApi } from './api.js';
import { errorOf } from './auth-helpers.js';

const QUESTIONS = [
  `{ stats(measure: PRODUCTS, groupBy: UNIT, thenBy: STARS, asOf: "2025-12-31") {
      groupBy thenBy definition definitionVi total rows { key key2 label label2 count } } }`,
  `{ stats(measure: ENTITIES, groupBy: STARS, thenBy: UNIT, basis: VALID_ON_AS_OF, asOf: "2023-06-30") {
      total rows { key key2 count } } }`,
  `{ stats(measure: CERTIFICATES, groupBy: YEAR, thenBy: LEVEL, asOf: "2023-12-31", fillZeros: true) {
      total yearOnlyRecords rows { key key2 label2 count } decisions { number } } }`,
  `{ stats(measure: EVALUATIONS, groupBy: LEVEL, thenBy: STARS, asOf: "2024-12-31") {
      total rows { key key2 count } } }`,
  `{ stats(measure: PRODUCTS, groupBy: GROUP, thenBy: ENTITY_TYPE, asOf: "2025-12-31",
      filter: { unitCode: "tinh-bien" }) { total rows { key key2 label label2 count } } }`,
  // The latest certificate among those of a level and year (PostgreSQL joins the decisions only
  // when a level or year is asked: stats-query.ts), and the decisions behind a grouping without.
  `{ stats(measure: PRODUCTS, groupBy: STARS, thenBy: UNIT, asOf: "2025-12-31",
      filter: { level: PROVINCE, year: 2021 }) { total rows { key key2 count } decisions { number } } }`,
  `{ stats(measure: ENTITIES, groupBy: STARS, thenBy: YEAR, asOf: "2025-12-31",
      filter: { stars: [3, 4] }) { total rows { key key2 count } decisions { number } } }`,
  `{ stats(measure: PRODUCTS, groupBy: UNIT, thenBy: STARS, asOf: "2022-12-31",
      basis: VALID_ON_AS_OF) { total rows { key key2 count } decisions { number } } }`,
];

const byUnit = (rows: { key: string | null; count: number }[]) =>
  Object.fromEntries(rows.map((r) => [String(r.key), r.count]));

describe('stats with two keys', () => {
  let sqlite: TestApi;
  let pg: TestApi;
  let statements = 0;
  beforeAll(async () => {
    [sqlite, pg] = await Promise.all([createTestApi('libsql'), createTestApi('postgresql')]);
    const logger = pg.orm.config.getLogger();
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (context) => {
      statements += 1;
      original(context);
    };
  });
  afterAll(async () => {
    await sqlite?.close();
    await pg?.close();
  });

  const ask = async (api: TestApi, query: string) => {
    const res = await api.gql(query);
    expect(res.errors, query).toBeUndefined();
    return res.data!.stats as Json;
  };

  it('gives the same answers on SQLite and PostgreSQL', async () => {
    for (const question of QUESTIONS) {
      const [a, b] = [await ask(sqlite, question), await ask(pg, question)];
      expect(b, question).toEqual(a);
      expect(a.rows.length).toBeGreaterThan(0);
    }
  });

  it('splits each unit by stars: the cells of a unit add up to its one-key row', async () => {
    for (const api of [sqlite, pg]) {
      const two = await ask(api, QUESTIONS[0]!);
      expect(two).toMatchObject({ groupBy: 'UNIT', thenBy: 'STARS' });
      expect(two.definition).toContain('grouped by district-level unit and star class');
      expect(two.definitionVi).toContain('phân nhóm theo đơn vị cấp huyện và hạng sao');
      const one = await ask(
        api,
        '{ stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2025-12-31") { total rows { key label count } } }',
      );
      const sums: Record<string, number> = {};
      for (const r of two.rows) sums[String(r.key)] = (sums[String(r.key)] ?? 0) + r.count;
      expect(sums).toEqual(byUnit(one.rows));
      expect(two.total).toBe(one.total);
      const cell = two.rows.find((r: Json) => r.key === 'tinh-bien' && r.key2 !== null);
      const unitLabel = one.rows.find((r: Json) => r.key === 'tinh-bien').label;
      expect(unitLabel).toContain('Tịnh Biên');
      expect(cell).toMatchObject({ label: unitLabel, label2: `${cell.key2}★` });
      expect(['3', '4', '5']).toContain(cell.key2);
    }
  });

  it('fills zero cells: every unit in force × 3★, 4★, 5★', async () => {
    const filled = await ask(
      pg,
      '{ stats(measure: PRODUCTS, groupBy: UNIT, thenBy: STARS, asOf: "2021-12-31", fillZeros: true) { rows { key key2 count } } }',
    );
    const cells = filled.rows.filter((r: Json) => r.key !== null);
    expect(cells).toHaveLength(11 * 3);
    expect(cells.filter((r: Json) => r.count === 0).length).toBeGreaterThan(0);
    const plain = await ask(
      pg,
      '{ stats(measure: PRODUCTS, groupBy: UNIT, thenBy: STARS, asOf: "2021-12-31") { rows { key key2 count } } }',
    );
    expect(filled.rows.filter((r: Json) => r.count > 0)).toEqual(plain.rows);
  });

  it('computes total, decisions and labels only when they are selected', async () => {
    const uncached = async (query: string) => {
      await pg.orm.em.fork().transactional((tx) => bumpDataVersion(tx));
      statements = 0;
      await ask(pg, query);
      return statements;
    };
    const rowsOnly = await uncached(
      '{ stats(measure: PRODUCTS, groupBy: UNIT, thenBy: STARS, asOf: "2025-12-31") { rows { key key2 count } } }',
    );
    // The data version and the one GROUP BY.
    expect(rowsOnly).toBe(2);
    const withTotal = await uncached(
      '{ stats(measure: PRODUCTS, groupBy: UNIT, thenBy: STARS, asOf: "2025-12-31") { total rows { key key2 count } } }',
    );
    expect(withTotal).toBe(3);
    const withLabels = await uncached(
      '{ stats(measure: PRODUCTS, groupBy: UNIT, thenBy: STARS, asOf: "2025-12-31") { rows { key key2 label count } } }',
    );
    // The unit names: one batched query.
    expect(withLabels).toBe(3);
    const cached = async (query: string) => {
      statements = 0;
      await ask(pg, query);
      return statements;
    };
    const both =
      '{ stats(measure: PRODUCTS, groupBy: UNIT, thenBy: STARS, asOf: "2025-12-31") { total rows { key key2 count } } }';
    // The rows are cached for this version, the total not yet: it alone is computed.
    expect(await cached(both)).toBe(2);
    // Then only the data version is read.
    expect(await cached(both)).toBe(1);
  });

  it("runs its grouping on SQLite in the plan-progress worker, on PostgreSQL through the API's pool", async () => {
    const rowsRead = () => askedOfWorker.get('rows-read') ?? 0;
    const question =
      '{ stats(measure: ENTITIES, groupBy: UNIT, thenBy: STARS, asOf: "2024-12-31") { total rows { key key2 count } } }';
    for (const api of [sqlite, pg]) {
      await api.orm.em.fork().transactional((tx) => bumpDataVersion(tx));
      const before = rowsRead();
      await ask(api, question);
      // SQLite: the grouping and the total (the driver runs statements synchronously).
      expect(rowsRead() - before).toBe(api === sqlite ? 2 : 0);
    }
  });

  it('refuses the same key twice, naming thenBy', async () => {
    for (const api of [sqlite, pg]) {
      const res = await api.gql(
        '{ stats(measure: PRODUCTS, groupBy: UNIT, thenBy: UNIT) { total } }',
      );
      expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'thenBy' });
      expect(errorOf(res).messageVi).toBeTruthy();
    }
  });
});
