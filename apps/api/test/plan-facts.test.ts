// loadPlanFacts selects in SQL exactly the facts the domain's selectFacts keeps (evaluations,
// activities and registrations in the window, decision items up to its end, the products and
// entities they name), on both dialects, and by unit exactly the domain's factsOfUnit of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { factsOfUnit, selectFacts, type PlanFacts } from '@ocop/domain';
import { seedDatabase } from '../src/db/seed.js';
import { loadPlanFacts } from '../src/modules/plans/plan.repository.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from './db.js';

const EVERYTHING = { periodStart: '0001-01-01', periodEnd: '9999-12-31' };
const CASES = [
  { period: { start: '2021-01-01', end: '2021-12-31' }, asOf: '2021-12-31' },
  { period: { start: '2021-01-01', end: '2021-12-31' }, asOf: '2021-06-30' },
  { period: { start: '2022-01-01', end: '2022-12-31' }, asOf: '2023-03-01' },
  { period: { start: '2021-01-01', end: '2025-12-31' }, asOf: '2024-06-30' },
];
const factsOnly = ({ units: _units, ...rest }: PlanFacts) => rest;

describe.each(DIALECTS)('plan facts selected in SQL on %s', (kind) => {
  let orm: MikroORM;
  let all: PlanFacts;
  beforeAll(async () => {
    orm = await createTestOrm(kind);
    await seedDatabase(orm, { sampleActivities: true });
    all = await loadPlanFacts(orm.em.fork(), EVERYTHING);
  });
  afterAll(() => destroyTestOrm(orm));

  it('reads every fact of the seed with an unbounded window', () => {
    expect(all.decisionItems.length).toBeGreaterThan(60);
    expect(all.evaluations.length).toBeGreaterThan(40);
    expect(all.activities.length).toBeGreaterThan(0);
  });

  it('selects the facts the domain selects, for each period and as-of day', async () => {
    for (const { period, asOf } of CASES) {
      const plan = { periodStart: period.start, periodEnd: period.end };
      const selected = await loadPlanFacts(orm.em.fork(), plan, { asOf });
      expect(factsOnly(selected), `${period.start} on ${asOf}`).toEqual(
        factsOnly(selectFacts(all, period, asOf)),
      );
      expect(selected.decisionItems.length).toBeLessThanOrEqual(all.decisionItems.length);
    }
  });

  it("selects one unit's share as the domain's factsOfUnit", async () => {
    const { period, asOf } = CASES[0]!;
    const plan = { periodStart: period.start, periodEnd: period.end };
    const whole = await loadPlanFacts(orm.em.fork(), plan, { asOf });
    const unit = await loadPlanFacts(orm.em.fork(), plan, { asOf, unitCode: 'tinh-bien' });
    expect(unit.units).toEqual([{ code: 'tinh-bien', name: 'Tịnh Biên' }]);
    expect(unit).toEqual(factsOfUnit(whole, 'tinh-bien'));
    expect(unit.products.length).toBeGreaterThan(0);
  });
});
