// Figures by unit that follow a unit through renaming (stats followUnitLineage): rows of a unit
// that had ended before asOf count under its successor in force then (huyện Tịnh Biên → thị xã
// Tịnh Biên from 13/02/2023), by the domain's unitInForceOn. One small statement reads the
// units' lineage; rows are merged in linear time. A product or an entity belongs to one unit, so
// summing the merged counts counts each record once.
import type { EntityManager } from '@mikro-orm/core';
import { unitInForceOn, type UnitLineageRecord } from '@ocop/domain';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { keysOf, type StatsQuery, type StatsRow } from './stats-query.js';

async function lineage(em: EntityManager): Promise<Map<string, UnitLineageRecord>> {
  const units = await em.find(
    AdminUnit,
    { successor: { $ne: null } },
    { fields: ['code', 'validTo', 'successor.code'], populate: ['successor'] },
  );
  return new Map(
    units.map((u) => [
      u.code,
      {
        code: u.code,
        validTo: u.validTo ?? null,
        successorCode: u.successor ? u.successor.getEntity().code : null,
      },
    ]),
  );
}

/** The rows with unit keys moved to the unit in force on asOf and equal keys summed. */
export async function followUnitLineage(
  em: EntityManager,
  query: StatsQuery,
  rows: StatsRow[],
): Promise<StatsRow[]> {
  const keys = keysOf(query);
  if (!keys.includes('unit')) return rows;
  const units = await lineage(em);
  const move = (key: string | null) =>
    key === null ? null : unitInForceOn(units, key, query.asOf);
  const merged = new Map<string, StatsRow>();
  for (const row of rows) {
    const key = keys[0] === 'unit' ? move(row.key) : row.key;
    const key2 = keys[1] === 'unit' ? move(row.key2) : row.key2;
    const id = JSON.stringify([key, key2]);
    const into = merged.get(id);
    if (into) into.count += row.count;
    else merged.set(id, { key, key2, count: row.count });
  }
  return [...merged.values()];
}
