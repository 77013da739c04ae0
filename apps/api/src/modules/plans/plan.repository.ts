// Loads the plain PlanFacts the domain's target math reads: only the facts of the plan's window
// (the domain's factSelection), without hydrating entities.
import type { EntityManager } from '@mikro-orm/core';
import { factSelection, type PlanFacts } from '@ocop/domain';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { factsOfFields } from './plan-facts.columns.js';
import { selectFactFields } from './plan-facts.query.js';

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
  const fields = await selectFactFields(em, { from, to, unitCode: options.unitCode ?? null });
  return factsOfFields(
    fields,
    units.filter((u) => !options.unitCode || u.code === options.unitCode),
  );
}
