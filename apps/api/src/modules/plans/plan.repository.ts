// Loads the plain PlanFacts the domain's target math reads, with lean column projections
// (no entity graphs are hydrated).
import { raw, type EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { type FactDate, type PlanFacts } from '@ocop/domain';
import { Activity } from '../activities/activity.entity.js';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { DecisionItem } from '../decisions/decision-item.entity.js';
import { EconomicEntity } from '../entities/economic-entity.entity.js';
import { Evaluation } from '../evaluations/evaluation.entity.js';
import { Product } from '../products/product.entity.js';
import type { DatePrecision } from '../shared/date-precision.js';
import { Plan } from './plan.entity.js';

type Row = Record<string, unknown>;
const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const fact = (date: unknown, precision: unknown): FactDate => ({
  date: String(date),
  precision: precision as DatePrecision,
});

export function sqlEm(em: EntityManager): SqlEntityManager {
  return em as unknown as SqlEntityManager;
}

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
    { orderBy: { name: 'asc' } },
  );
}

/** Every fact the plan metrics read, as the domain's PlanFacts (ids as strings). */
export async function loadPlanFacts(
  em: EntityManager,
  plan: Pick<Plan, 'periodStart' | 'periodEnd'>,
): Promise<PlanFacts> {
  const sql = sqlEm(em);
  const units = await loadPlanUnits(em, plan);

  const entities = (await sql
    .createQueryBuilder(EconomicEntity, 'e')
    .select([
      raw('e.id as id'),
      raw('u.code as unit_code'),
      raw('e.registered_on as registered_on'),
      raw('e.registered_precision as registered_precision'),
      raw('e.type as type'),
    ])
    .leftJoin('e.unit', 'u')
    .execute('all', false)) as Row[];
  const products = (await sql
    .createQueryBuilder(Product, 'p')
    .select([raw('p.id as id'), raw('p.entity_id as entity_id'), raw('u.code as unit_code')])
    .leftJoin('p.unit', 'u')
    .execute('all', false)) as Row[];
  const evaluations = (await sql
    .createQueryBuilder(Evaluation, 'ev')
    .select([
      raw('ev.id as id'),
      raw('ev.product_id as product_id'),
      raw('ev.level as level'),
      raw('ev.date as date'),
      raw('ev.date_precision as date_precision'),
      raw('ev.stars as stars'),
    ])
    .execute('all', false)) as Row[];
  const items = (await sql
    .createQueryBuilder(DecisionItem, 'di')
    .select([
      raw('di.decision_id as decision_id'),
      raw('di.product_id as product_id'),
      raw('d.date as date'),
      raw('d.date_precision as date_precision'),
      raw('d.issuing_level as issuing_level'),
      raw('di.stars as stars'),
      raw('di.action as action'),
    ])
    .join('di.decision', 'd')
    .execute('all', false)) as Row[];
  const activities = (await sql
    .createQueryBuilder(Activity, 'a')
    .select([
      raw('a.id as id'),
      raw('a.kind as kind'),
      raw('a.date as date'),
      raw('a.date_precision as date_precision'),
      raw('a.sample as sample'),
      raw('u.code as unit_code'),
    ])
    .leftJoin('a.unit', 'u')
    .execute('all', false)) as Row[];
  const knex = sql.getKnex();
  const activityEntities = (await knex('activity_entity').select(
    'activity_id',
    'economic_entity_id',
  )) as Row[];
  const activityProducts = (await knex('activity_product').select(
    'activity_id',
    'product_id',
  )) as Row[];
  const group = (rows: Row[], key: string, value: string) => {
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(str(r[key]), [...(map.get(str(r[key])) ?? []), str(r[value])]);
    return map;
  };
  const entityLinks = group(activityEntities, 'activity_id', 'economic_entity_id');
  const productLinks = group(activityProducts, 'activity_id', 'product_id');

  return {
    units: units.map((u) => ({ code: u.code, name: u.name })),
    entities: entities.map((r) => ({
      id: str(r.id),
      unitCode: strOrNull(r.unit_code),
      registeredOn: r.registered_on ? fact(r.registered_on, r.registered_precision) : null,
      type: strOrNull(r.type),
    })),
    products: products.map((r) => ({
      id: str(r.id),
      entityId: strOrNull(r.entity_id),
      unitCode: strOrNull(r.unit_code),
    })),
    evaluations: evaluations.map((r) => ({
      id: str(r.id),
      productId: str(r.product_id),
      level: r.level as Evaluation['level'],
      date: fact(r.date, r.date_precision),
      stars: numOrNull(r.stars),
    })),
    decisionItems: items.map((r) => ({
      decisionId: str(r.decision_id),
      productId: str(r.product_id),
      date: fact(r.date, r.date_precision),
      issuingLevel: r.issuing_level as 'district' | 'province' | 'national',
      stars: numOrNull(r.stars),
      action: r.action as 'recognise' | 'revoke',
    })),
    activities: activities.map((r) => ({
      id: str(r.id),
      kind: str(r.kind),
      date: fact(r.date, r.date_precision),
      entityIds: entityLinks.get(str(r.id)) ?? [],
      productIds: productLinks.get(str(r.id)) ?? [],
      unitCode: strOrNull(r.unit_code),
      // SQLite returns 0/1, PostgreSQL a boolean.
      sample: r.sample === true || Number(r.sample) === 1,
    })),
  };
}
