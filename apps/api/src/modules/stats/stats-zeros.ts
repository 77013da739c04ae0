// Zero cells of a stats result (fillZeros): every combination of the keys' possible values that
// has no row gets one with count 0, so a unit × stars table has all its cells. Possible values:
// the district-level units in force on asOf, the star classes a measure can have, the three
// levels, the programme's years up to asOf, the groups of the chosen taxonomy, the entity types.
import type { EntityManager } from '@mikro-orm/core';
import { PRODUCT_GROUPS_1048, PRODUCT_GROUPS_148 } from '@ocop/domain';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { ENTITY_TYPES } from '../entities/economic-entity.entity.js';
import type { StatsGroupBy, StatsQuery, StatsRow } from './stats-query.js';

/** First year of the programme (1048/QĐ-TTg took effect on 2019-08-21). */
const FIRST_YEAR = 2019;

async function valuesOf(
  em: EntityManager,
  key: StatsGroupBy,
  query: StatsQuery,
): Promise<string[]> {
  switch (key) {
    case 'unit': {
      const units = await em.find(
        AdminUnit,
        {
          type: { $in: ['city', 'town', 'district'] },
          $and: [
            { $or: [{ validFrom: null }, { validFrom: { $lte: query.asOf } }] },
            { $or: [{ validTo: null }, { validTo: { $gte: query.asOf } }] },
          ],
        },
        { fields: ['code'], orderBy: { code: 'asc' } },
      );
      return units.map((u) => u.code);
    }
    case 'stars':
      // Certificates exist from 3★; councils also score 1★ and 2★.
      return query.measure === 'evaluations' ? ['1', '2', '3', '4', '5'] : ['3', '4', '5'];
    case 'level':
      return ['district', 'province', 'national'];
    case 'year': {
      const last = Number(query.asOf.slice(0, 4));
      return Array.from({ length: Math.max(0, last - FIRST_YEAR + 1) }, (_, i) =>
        String(FIRST_YEAR + i),
      );
    }
    case 'group':
      return (query.groupTaxonomy === '148' ? PRODUCT_GROUPS_148 : PRODUCT_GROUPS_1048).map(
        (g) => g.code,
      );
    case 'entityType':
      return [...ENTITY_TYPES];
  }
}

/** `rows` plus a zero row for every missing combination of non-null keys. */
export async function fillZeroCells(
  em: EntityManager,
  query: StatsQuery,
  rows: StatsRow[],
): Promise<StatsRow[]> {
  const first = await valuesOf(em, query.groupBy, query);
  const second = query.thenBy ? await valuesOf(em, query.thenBy, query) : [null];
  const seen = new Set(rows.map((r) => `${r.key}\u0000${r.key2}`));
  const zeros: StatsRow[] = [];
  for (const key of first)
    for (const key2 of second)
      if (!seen.has(`${key}\u0000${key2}`)) zeros.push({ key, key2, count: 0 });
  return [...rows, ...zeros];
}
