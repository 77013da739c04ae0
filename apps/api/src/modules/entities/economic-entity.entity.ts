import { vietnameseSortKey, vietnameseSortKeyLength } from '@ocop/domain';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { DATE_PRECISIONS } from '../shared/date-precision.js';

export const ENTITY_TYPES = [
  'enterprise',
  'cooperative',
  'cooperative_group',
  'household_business',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/**
 * An OCOP subject (chủ thể): enterprise, cooperative, cooperative group or household business.
 * ownerName/ownerPhone are personal data: never public (the GraphQL layer returns null to the
 * public; the defineEntity `hidden()` builder breaks nullable typing in 6.6.16, so it is not used).
 */
export const EconomicEntity = defineEntity({
  name: 'EconomicEntity',
  tableName: 'economic_entity',
  // One entity per normalised name and unit (registerEntity and the importer match on this key).
  uniques: [{ properties: ['normalizedName', 'unit'] }],
  properties: {
    id: p.integer().primary(),
    name: p.string().length(300),
    // Lookups by name use the unique (normalized_name, unit) index's prefix.
    normalizedName: p.string().length(300),
    // Vietnamese alphabetical order for ORDER BY on either database (domain: vietnamese-order.ts).
    sortKey: p
      .string()
      .length(vietnameseSortKeyLength(300))
      .onCreate((e: { name: string }) => vietnameseSortKey(e.name))
      .onUpdate((e: { name: string }) => vietnameseSortKey(e.name))
      .index(),
    type: p
      .enum([...ENTITY_TYPES])
      .nullable()
      .index(),
    commune: p.string().length(200).nullable(),
    normalizedCommune: p.string().length(200).nullable().index(),
    unit: () => p.manyToOne(AdminUnit).ref().nullable().index(),
    ownerName: p.string().length(200).nullable(),
    ownerPhone: p.string().length(40).nullable(),
    registeredOn: p.date().nullable().index(),
    registeredPrecision: p.enum([...DATE_PRECISIONS]).nullable(),
    version: p.integer().version(),
  },
});
export type EconomicEntity = InferEntity<typeof EconomicEntity>;
