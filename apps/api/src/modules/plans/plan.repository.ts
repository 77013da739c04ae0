// Loads the plain PlanFacts the domain's target math reads: only the facts of the plan's window
// (the domain's factSelection), without hydrating entities.
import type { EntityManager } from '@mikro-orm/core';
import {
  councilRoundsFromFigures,
  factSelection,
  type ActivityFact,
  type FactDate,
  type PlanFacts,
  type RoundFigure,
} from '@ocop/domain';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import type { Evaluation } from '../evaluations/evaluation.entity.js';
import type { DatePrecision } from '../shared/date-precision.js';
import { FACT_WIDTH, selectFactColumns, type FactColumns } from './plan-facts.query.js';

import type { Plan } from './plan.entity.js';

const iso = (d: string | Date) => (d instanceof Date ? d.toISOString() : String(d)).slice(0, 10);

/** The district-level units in force during the plan's period (2021: the 11 units). */
export async function loadPlanUnits(
  em: EntityManager,
  plan: Pick<Plan, 'periodStart' | 'periodEnd'>,
): Promise<AdminUnit[]> {
  return em.find(
    AdminUnit,
    {
      type: { $in: ['city', 'town', 'district'] },
      $and: [
        { $or: [{ validFrom: null }, { validFrom: { $lte: plan.periodEnd } }] },
        { $or: [{ validTo: null }, { validTo: { $gte: plan.periodStart } }] },
      ],
    },
    { orderBy: { sortKey: 'asc' } },
  );
}

/**
 * The facts the plan metrics read for the period up to `asOf` (default: the period end), as the
 * domain's PlanFacts (ids as strings): two statements whatever the data's size — the plan's units
 * (unless given) and the selected facts, each kind as one list of fields (plan-facts.query.ts).
 * With `unitCode`, only that unit's share (the domain's factsOfUnit of the same selection).
 */
export async function loadPlanFacts(
  em: EntityManager,
  plan: Pick<Plan, 'periodStart' | 'periodEnd'>,
  options: { asOf?: string; unitCode?: string | null; units?: AdminUnit[] } = {},
): Promise<PlanFacts> {
  const period = { start: iso(plan.periodStart), end: iso(plan.periodEnd) };
  const units = options.units ?? (await loadPlanUnits(em, plan));
  const { from, to } = factSelection(period, options.asOf ?? period.end);
  const c = await selectFactColumns(em, { from, to, unitCode: options.unitCode ?? null });
  return factsOfColumns(
    c,
    units.filter((u) => !options.unitCode || u.code === options.unitCode),
  );
}

const orNull = (v: string | undefined): string | null => (v ? v : null);
const starsOf = (v: string | undefined): number | null => (v ? Number(v) : null);
/** One FactDate per distinct (day, precision): the same day is shared by thousands of facts. */
function dateMaker(): (date: string, precision: string | undefined) => FactDate {
  const made = new Map<string, FactDate>();
  return (date, precision) => {
    const key = precision === 'day' ? date : `${date}/${precision}`;
    let value = made.get(key);
    if (!value) {
      value = { date, precision: precision as DatePrecision };
      made.set(key, value);
    }
    return value;
  };
}

/** PlanFacts from the field lists of selectFactColumns (in their id order). */
export function factsOfColumns(
  c: FactColumns,
  units: Pick<AdminUnit, 'code' | 'name'>[],
): PlanFacts {
  const fact = dateMaker();
  const facts: PlanFacts = {
    units: units.map((u) => ({ code: u.code, name: u.name })),
    entities: [],
    products: [],
    evaluations: [],
    decisionItems: [],
    activities: [],
  };
  let f = c.e;
  for (let i = 0; i < f.length; i += FACT_WIDTH.e)
    facts.entities.push({
      id: f[i]!,
      unitCode: orNull(f[i + 1]),
      registeredOn: f[i + 3] ? fact(f[i + 3]!, f[i + 4]) : null,
      type: orNull(f[i + 2]),
    });
  f = c.p;
  for (let i = 0; i < f.length; i += FACT_WIDTH.p)
    facts.products.push({ id: f[i]!, entityId: orNull(f[i + 1]), unitCode: orNull(f[i + 2]) });
  f = c.v;
  for (let i = 0; i < f.length; i += FACT_WIDTH.v)
    facts.evaluations.push({
      id: f[i]!,
      productId: f[i + 1]!,
      level: f[i + 2] as Evaluation['level'],
      date: fact(f[i + 3]!, f[i + 4]),
      stars: starsOf(f[i + 5]),
    });
  f = c.d;
  for (let i = 0; i < f.length; i += FACT_WIDTH.d)
    facts.decisionItems.push({
      decisionId: f[i]!,
      productId: f[i + 1]!,
      issuingLevel: f[i + 2] as 'district' | 'province' | 'national',
      action: f[i + 3] as 'recognise' | 'revoke',
      date: fact(f[i + 4]!, f[i + 5]),
      stars: starsOf(f[i + 6]),
    });
  const activities = new Map<string, ActivityFact>();
  f = c.a;
  for (let i = 0; i < f.length; i += FACT_WIDTH.a) {
    const activity: ActivityFact = {
      id: f[i]!,
      kind: f[i + 1]!,
      date: fact(f[i + 3]!, f[i + 4]),
      entityIds: [],
      productIds: [],
      unitCode: orNull(f[i + 2]),
      sample: f[i + 5] === '1',
    };
    facts.activities.push(activity);
    activities.set(activity.id, activity);
  }
  f = c.ae;
  for (let i = 0; i < f.length; i += FACT_WIDTH.ae)
    activities.get(f[i]!)?.entityIds.push(f[i + 1]!);
  f = c.ap;
  for (let i = 0; i < f.length; i += FACT_WIDTH.ap)
    activities.get(f[i]!)?.productIds.push(f[i + 1]!);
  const figures: RoundFigure[] = [];
  f = c.r;
  for (let i = 0; i < f.length; i += FACT_WIDTH.r)
    figures.push({
      metric: f[i]!,
      value: f[i + 1]!,
      date: f[i + 2] ? fact(f[i + 2]!, f[i + 3]) : null,
    });
  facts.councilRounds = councilRoundsFromFigures(figures);
  return facts;
}
