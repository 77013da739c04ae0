// Administrative unit reads: the unit list, in Vietnamese alphabetical order.
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { AdminUnit, type UnitType } from './admin-unit.entity.js';

export interface AdminUnitQuery {
  /** Only units in force on this day (validity inclusive). */
  onDate?: string | null;
  type?: UnitType | null;
}

/** Units matching the query, by Vietnamese sort key (domain vietnamese-order.ts), then id. */
export function listAdminUnits(em: EntityManager, query: AdminUnitQuery): Promise<AdminUnit[]> {
  const where: FilterQuery<AdminUnit> = {
    ...(query.type ? { type: query.type } : {}),
    ...(query.onDate
      ? {
          $and: [
            { $or: [{ validFrom: null }, { validFrom: { $lte: query.onDate } }] },
            { $or: [{ validTo: null }, { validTo: { $gte: query.onDate } }] },
          ],
        }
      : {}),
  };
  return em.find(AdminUnit, where, { orderBy: { sortKey: 'asc', id: 'asc' } });
}
