// The seed on both dialects, with numbers computed by hand from data/seed/products-2020-2021.csv.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { computeMetric } from '@ocop/domain';
import { Activity } from '../src/modules/activities/activity.entity.js';
import { AdminUnit } from '../src/modules/admin-units/admin-unit.entity.js';
import { Certificate } from '../src/modules/certificates/certificate.entity.js';
import { Decision } from '../src/modules/decisions/decision.entity.js';
import { Department } from '../src/modules/departments/department.entity.js';
import { Evaluation } from '../src/modules/evaluations/evaluation.entity.js';
import { PlanTarget } from '../src/modules/plans/plan-target.entity.js';
import { Plan } from '../src/modules/plans/plan.entity.js';
import { loadPlanFacts, loadPlanUnits } from '../src/modules/plans/plan.repository.js';
import { Task } from '../src/modules/plans/task.entity.js';
import { Product } from '../src/modules/products/product.entity.js';
import { listProducts } from '../src/modules/products/product.service.js';
import { sqlEntityManager } from '../src/db/orm.js';
import { PublishedFigure } from '../src/modules/sources/published-figure.entity.js';
import { countBy } from '../src/modules/stats/stats.service.js';
import { seedDatabase } from '../src/db/seed.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from './db.js';

const PERIOD = { start: '2021-01-01', end: '2021-12-31' };
const asMap = (rows: { key: string | null; count: number }[]) =>
  Object.fromEntries(rows.map((r) => [String(r.key), r.count]));

describe.each(DIALECTS)('seeded database on %s', (kind) => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await createTestOrm(kind);
    await seedDatabase(orm, { sampleActivities: true });
  });
  afterAll(() => destroyTestOrm(orm));

  // products-2022.csv (26 products) and 23 more published figures joined the seed in issue 9:
  // 44 + 26 = 70 products, 138 + 23 = 161 figures.
  it('loads the 11 units of 2021, 7 departments, plan 152 with 8 targets and 16 tasks, 70 products and 161 figures', async () => {
    const em = orm.em.fork();
    const plan = await em.findOneOrFail(Plan, { code: '152/KH-UBND' });
    expect(plan.issuedOn).toBe('2021-03-24');
    expect((await loadPlanUnits(em, plan)).length).toBe(11);
    expect(await em.count(Department, {})).toBe(7);
    expect(await em.count(PlanTarget, { plan })).toBe(8);
    expect(await em.count(Task, { plan })).toBe(16);
    expect(await em.count(Product, {})).toBe(70);
    expect(await em.count(PublishedFigure, {})).toBe(161);
  });

  it('keeps Tịnh Biên huyện until 2023-02-12 with the thị xã as its successor, all units ending 2025-06-30', async () => {
    const em = orm.em.fork();
    const district = await em.findOneOrFail(
      AdminUnit,
      { code: 'tinh-bien' },
      { populate: ['successor'] },
    );
    expect(district.validTo).toBe('2023-02-12');
    expect(district.successor?.getEntity().type).toBe('town');
    expect(district.successor?.getEntity().validFrom).toBe('2023-02-13');
    expect(await em.count(AdminUnit, { validTo: { $ne: '2025-06-30' } })).toBe(1);
  });

  it('keeps the two "Nước cốt dâu tằm" and the two "Bưởi da xanh" as different products', async () => {
    const em = orm.em.fork();
    const dauTam = await em.find(
      Product,
      { normalizedName: 'nuoc cot dau tam' },
      { populate: ['unit', 'entity'], orderBy: { id: 'asc' } },
    );
    expect(
      dauTam.map((p) => [p.unit?.getEntity().name ?? null, p.entity?.getEntity().name ?? null]),
    ).toEqual([
      [null, null],
      ['Phú Tân', 'Hộ kinh doanh Ngọc Thái'],
    ]);
    const buoi = await em.find(
      Product,
      { normalizedName: 'buoi da xanh' },
      { populate: ['unit'], orderBy: { id: 'asc' } },
    );
    expect(buoi.map((p) => p.unit?.getEntity().name)).toEqual(['Thoại Sơn', 'Châu Phú']);
  });

  it('keeps "Sa tế Thái Hòa" as a registered product without evaluation or decision', async () => {
    const em = orm.em.fork();
    const product = await em.findOneOrFail(Product, { name: 'Sa tế Thái Hòa' });
    expect(product.registeredOn).toBeNull();
    expect(await em.count(Evaluation, { product })).toBe(0);
    expect(await em.count(Certificate, { product })).toBe(0);
  });

  it('stores 2020–2021 decisions without numbers, year-precision dates (bounded by a hand-over day when the batch names one) and the batch verbatim', async () => {
    const em = orm.em.fork();
    const decisions = await em.find(Decision, { year: { $lte: 2021 } }, { orderBy: { id: 'asc' } });
    expect(decisions.length).toBe(5);
    expect(decisions.every((d) => d.number === null && d.datePrecision === 'year')).toBe(true);
    const round2021 = decisions.find((d) => d.year === 2021)!;
    // "trao GCN 22/4/2021": the decision existed by the hand-over, so it is stored at that bound.
    expect(round2021.date).toBe('2021-04-22');
    expect(round2021.batch).toBe(
      'đợt 1/2021 (HĐ tỉnh họp 7/4/2021; TB 03/TB-HĐĐGPHSP 14/4/2021; trao GCN 22/4/2021)',
    );
    const certificate = await em.findOneOrFail(Certificate, { product: { name: 'Siro atiso đỏ' } });
    expect([
      certificate.issuedOn,
      certificate.issuedPrecision,
      certificate.validUntil,
      certificate.stars,
    ]).toEqual(['2021-04-22', 'year', '2024-04-22', 3]);
    const evaluation = await em.findOneOrFail(Evaluation, { product: { name: 'Siro atiso đỏ' } });
    expect([evaluation.total, evaluation.ruleSetCode, evaluation.level]).toEqual([
      52.4,
      'QD1048',
      'province',
    ]);
  });

  it('stores the two decisions of 2022 with their numbers and days; 86/QĐ-UBND of 27/1/2023 closes round 2 of 2022', async () => {
    const em = orm.em.fork();
    const decisions = await em.find(Decision, { year: 2022 }, { orderBy: { date: 'asc' } });
    expect(
      await Promise.all(
        decisions.map(async (d) => [
          d.number,
          d.date,
          d.datePrecision,
          d.year,
          await em.count(Certificate, { decisionItem: { decision: d } }),
        ]),
      ),
    ).toEqual([
      ['2497/QĐ-UBND', '2022-10-10', 'day', 2022, 12],
      ['86/QĐ-UBND', '2023-01-27', 'day', 2022, 14],
    ]);
  });

  it('counts 12 products first certified 3★+ in 2021, all by mid-2021 (handed over 22/4/2021), none the day before', async () => {
    const facts = await loadPlanFacts(orm.em.fork(), {
      periodStart: PERIOD.start,
      periodEnd: PERIOD.end,
    });
    const endOfYear = computeMetric('products_first_certified', facts, PERIOD, '2021-12-31');
    expect(endOfYear.shape === 'count' && endOfYear.value).toBe(12);
    expect(endOfYear.yearOnlyRecords).toBeGreaterThan(0);
    const midYear = computeMetric('products_first_certified', facts, PERIOD, '2021-06-30');
    expect(midYear.shape === 'count' && midYear.value).toBe(12);
    const before = computeMetric('products_first_certified', facts, PERIOD, '2021-04-21');
    expect(before.shape === 'count' && before.value).toBe(0);
  });

  it('finds Tịnh Biên, An Phú and Châu Phú as the only units with ≥2 participating 2021 entities', async () => {
    const em = orm.em.fork();
    const facts = await loadPlanFacts(em, { periodStart: PERIOD.start, periodEnd: PERIOD.end });
    const outcome = computeMetric('entities_participating_per_unit', facts, PERIOD, '2021-12-31');
    if (outcome.shape !== 'per_unit') throw new Error('expected a per-unit metric');
    const units = new Map((await em.find(AdminUnit, {})).map((u) => [u.code, u.name]));
    const atLeastTwo = outcome.perUnit
      .filter((u) => u.value >= 2)
      .map((u) => units.get(u.unitCode))
      .sort();
    expect(atLeastTwo).toEqual(['An Phú', 'Châu Phú', 'Tịnh Biên']);
    // By hand: Tân Châu, Thoại Sơn and Phú Tân have 1 each; the other 5 units 0.
    expect(outcome.perUnit.filter((u) => u.value === 1).length).toBe(3);
  });

  it('gives the sample activities data for T7 (capacity) and T8 (standardisation), all flagged sample', async () => {
    const em = orm.em.fork();
    expect(await em.count(Activity, { sample: false })).toBe(0);
    const facts = await loadPlanFacts(em, { periodStart: PERIOD.start, periodEnd: PERIOD.end });
    const capacity = computeMetric('entities_with_capacity_activity', facts, PERIOD, '2021-12-31');
    const standardised = computeMetric(
      'previous_year_4star_standardised',
      facts,
      PERIOD,
      '2021-12-31',
    );
    expect(capacity.shape === 'share' && capacity.numerator).toBeGreaterThan(0);
    expect(standardised.shape === 'share' && standardised.numerator).toBeGreaterThan(0);
  });

  it('counts certificates by unit, ever certified as of 2021-12-31', async () => {
    const result = await countBy(orm.em.fork(), {
      measure: 'certificates',
      groupBy: 'unit',
      asOf: '2021-12-31',
    });
    expect(result.total).toBe(39);
    expect(asMap(result.rows)).toEqual({
      null: 10,
      'tinh-bien': 7,
      'chau-phu': 4,
      'cho-moi': 3,
      'long-xuyen': 3,
      'tan-chau': 3,
      'thoai-son': 3,
      'an-phu': 2,
      'phu-tan': 2,
      'chau-doc': 1,
      'tri-ton': 1,
    });
    expect(result.yearOnlyRecords).toBe(39);
    expect(result.decisionIds.length).toBe(5);
  });

  it('counts products by stars and changes the answer for an as-of date before the end of 2021', async () => {
    const em = orm.em.fork();
    const end = await countBy(em, { measure: 'products', groupBy: 'stars', asOf: '2021-12-31' });
    expect(asMap(end.rows)).toEqual({ '3': 27, '4': 10, '5': 2 });
    const mid = await countBy(em, { measure: 'products', groupBy: 'stars', asOf: '2021-04-21' });
    expect(asMap(mid.rows)).toEqual({ '3': 15, '4': 10, '5': 2 });
    expect(mid.total).toBe(27);
  });

  it('counts products by 1048 group and entities by type', async () => {
    const em = orm.em.fork();
    const groups = await countBy(em, { measure: 'products', groupBy: 'group', asOf: '2021-12-31' });
    expect(asMap(groups.rows)).toEqual({ food: 27, beverage: 9, null: 2, handicraft: 1 });
    const types = await countBy(em, {
      measure: 'entities',
      groupBy: 'entityType',
      asOf: '2021-12-31',
    });
    expect(asMap(types.rows)).toEqual({ enterprise: 11, household_business: 9, cooperative: 2 });
    const filtered = await countBy(em, {
      measure: 'products',
      groupBy: 'stars',
      asOf: '2021-12-31',
      filter: { unitCode: 'tinh-bien' },
    });
    expect(asMap(filtered.rows)).toEqual({ '3': 3, '4': 4 });
  });

  it('separates "ever certified" from "valid on the as-of date"', async () => {
    const em = orm.em.fork();
    const ever = await countBy(em, {
      measure: 'products',
      groupBy: 'year',
      basis: 'ever_certified',
      asOf: '2024-06-30',
    });
    expect(asMap(ever.rows)).toEqual({ '2020': 27, '2021': 12, '2022': 26 });
    const valid = await countBy(em, {
      measure: 'products',
      groupBy: 'year',
      basis: 'valid_on_as_of',
      asOf: '2024-06-30',
    });
    // Round 1/2021's certificates were issued by 22/4/2021, so they expired by 22/4/2024.
    expect(asMap(valid.rows)).toEqual({ '2022': 26 });
    const validBefore = await countBy(em, {
      measure: 'products',
      groupBy: 'year',
      basis: 'valid_on_as_of',
      asOf: '2024-04-22',
    });
    expect(asMap(validBefore.rows)).toEqual({ '2021': 12, '2022': 26 });
    const none = await countBy(em, {
      measure: 'products',
      groupBy: 'year',
      basis: 'valid_on_as_of',
      asOf: '2025-01-01',
    });
    // Only the 2022 round's certificates (from 10/10/2022 and 27/1/2023) are still valid.
    expect(asMap(none.rows)).toEqual({ '2022': 26 });
  });

  it('counts evaluations by level', async () => {
    const result = await countBy(orm.em.fork(), {
      measure: 'evaluations',
      groupBy: 'level',
      asOf: '2021-12-31',
    });
    expect(asMap(result.rows)).toEqual({ province: 37, national: 2 });
  });

  it('searches with and without diacritics', async () => {
    const em = sqlEntityManager(orm.em.fork());
    const byName = { by: 'name', direction: 'asc' } as const;
    const find = async (filter: Parameters<typeof listProducts>[1]) =>
      (await listProducts(em, filter, byName, { limit: 100, offset: 0 }))[0].map((p) => p.name);
    const asOf = '2025-12-31';
    expect(await find({ search: 'mam ca linh', asOf })).toEqual(['Mắm cá linh chưng (đóng hộp)']);
    expect(await find({ search: 'MẮM  CÁ LINH', asOf })).toEqual(['Mắm cá linh chưng (đóng hộp)']);
    // products-2022.csv adds Mắm cá chốt, sặc, trèn and mè vinh.
    expect(await find({ search: 'mam ca', asOf })).toHaveLength(5);
    // Four of 2020 plus "Đường thốt nốt đặc biệt cô đặc THNOT" of 2022.
    expect(await find({ search: 'duong thot not', asOf })).toHaveLength(5);
    // The unit's name too: every product of Chợ Mới, whatever its commune or entity says.
    const choMoi = await find({ unitCode: 'cho-moi', asOf });
    expect(await find({ search: 'Chợ Mới', asOf })).toEqual(expect.arrayContaining(choMoi));
    const [, total] = await listProducts(
      em,
      { search: 'thot not', evaluationYear: 2020, starsEver: [4], asOf },
      byName,
      { limit: 10, offset: 0 },
    );
    // 4★ of 2020 with "thốt nốt" in the name: Palmania, Nước màu, bột, cô đặc, Rượu vang, Tranh lá.
    expect(total).toBe(6);
  });

  it('does nothing when seeding an already seeded database', async () => {
    const summary = await seedDatabase(orm, { sampleActivities: true });
    expect([
      summary.units,
      summary.departments,
      summary.targets,
      summary.tasks,
      summary.publishedFigures,
      summary.sampleActivities,
    ]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(summary.products.map((r) => r.noChanges)).toEqual([true, true]);
    expect(await orm.em.fork().count(Product, {})).toBe(70);
  });
});
