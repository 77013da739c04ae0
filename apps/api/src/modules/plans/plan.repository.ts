// Loads the plain PlanFacts the domain's target math reads: only the facts of the plan's window
// (the domain's factSelection), without hydrating entities.
import type { EntityManager } from '@mikro-orm/core';
import {
  councilRoundsFromFigures,
  factSelection,
  type FactDate,
  type PlanFacts,
} from '@ocop/domain';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import type { Evaluation } from '../evaluations/evaluation.entity.js';
import type { DatePrecision } from '../shared/date-precision.js';
import { selectFactRows } from './plan-facts.query.js';

import type { Plan } from './plan.entity.js';

const iso = (d: string | Date) => (d instanceof Date ? d.toISOString() : String(d)).slice(0, 10);
const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const fact = (date: unknown, precision: unknown): FactDate => ({
  date: String(date),
  precision: precision as DatePrecision,
});

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
 * (unless given) and one UNION ALL of the selected facts (plan-facts.query.ts). With `unitCode`,
 * only that unit's share (the domain's factsOfUnit of the same selection).
 */
export async function loadPlanFacts(
  em: EntityManager,
  plan: Pick<Plan, 'periodStart' | 'periodEnd'>,
  options: { asOf?: string; unitCode?: string | null; units?: AdminUnit[] } = {},
): Promise<PlanFacts> {
  const period = { start: iso(plan.periodStart), end: iso(plan.periodEnd) };
  const units = options.units ?? (await loadPlanUnits(em, plan));
  const { from, to } = factSelection(period, options.asOf ?? period.end);
  const rows = await selectFactRows(em, { from, to, unitCode: options.unitCode ?? null });

  const facts: PlanFacts = {
    units: units
      .filter((u) => !options.unitCode || u.code === options.unitCode)
      .map((u) => ({ code: u.code, name: u.name })),
    entities: [],
    products: [],
    evaluations: [],
    decisionItems: [],
    activities: [],
  };
  const entityLinks = new Map<string, string[]>();
  const productLinks = new Map<string, string[]>();
  const link = (map: Map<string, string[]>, activityId: string, id: string) => {
    const list = map.get(activityId);
    if (list) list.push(id);
    else map.set(activityId, [id]);
  };
  for (const r of rows) {
    const id = str(r.id);
    switch (r.k) {
      case 'e':
        facts.entities.push({
          id,
          unitCode: strOrNull(r.t1),
          registeredOn: r.dt ? fact(r.dt, r.prec) : null,
          type: strOrNull(r.t2),
        });
        break;
      case 'p':
        facts.products.push({ id, entityId: strOrNull(r.t1), unitCode: strOrNull(r.t2) });
        break;
      case 'v':
        facts.evaluations.push({
          id,
          productId: str(r.t1),
          level: r.t2 as Evaluation['level'],
          date: fact(r.dt, r.prec),
          stars: numOrNull(r.num),
        });
        break;
      case 'd':
        facts.decisionItems.push({
          decisionId: id,
          productId: str(r.t1),
          date: fact(r.dt, r.prec),
          issuingLevel: r.t2 as 'district' | 'province' | 'national',
          stars: numOrNull(r.num),
          action: r.t3 as 'recognise' | 'revoke',
        });
        break;
      case 'a':
        facts.activities.push({
          id,
          kind: str(r.t1),
          date: fact(r.dt, r.prec),
          entityIds: [],
          productIds: [],
          unitCode: strOrNull(r.t2),
          sample: Number(r.num) === 1,
        });
        break;
      case 'ae':
        link(entityLinks, id, str(r.t1));
        break;
      case 'ap':
        link(productLinks, id, str(r.t1));
        break;
    }
  }
  facts.councilRounds = councilRoundsFromFigures(
    rows
      .filter((r) => r.k === 'r')
      .map((r) => ({
        metric: str(r.t1),
        value: str(r.t2),
        date: r.dt ? fact(r.dt, r.prec) : null,
      })),
  );
  for (const activity of facts.activities) {
    activity.entityIds = entityLinks.get(activity.id) ?? [];
    activity.productIds = productLinks.get(activity.id) ?? [];
  }
  return facts;
}
