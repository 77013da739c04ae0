import { vietnameseSortKey, vietnameseSortKeyLength } from '@ocop/domain';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { EconomicEntity } from '../entities/economic-entity.entity.js';
import { DATE_PRECISIONS } from '../shared/date-precision.js';
import { Source } from '../sources/source.entity.js';

/**
 * A product registered in the programme. Its star history is its decisions; group148 is derived
 * from group1048 through the domain's mapping.
 */
export const Product = defineEntity({
  name: 'Product',
  tableName: 'product',
  indexes: [{ properties: ['normalizedName', 'unit'] }],
  // One product per normalised name and entity (products without an entity are not constrained).
  uniques: [{ properties: ['normalizedName', 'entity'] }],
  properties: {
    id: p.integer().primary(),
    name: p.string().length(300),
    // Lookups by name use the unique (normalized_name, entity) index's prefix.
    normalizedName: p.string().length(300),
    // Vietnamese alphabetical order for ORDER BY on either database (domain: vietnamese-order.ts).
    sortKey: p
      .string()
      .length(vietnameseSortKeyLength(300))
      .onCreate((e: { name: string }) => vietnameseSortKey(e.name))
      .onUpdate((e: { name: string }) => vietnameseSortKey(e.name))
      .index(),
    entity: () => p.manyToOne(EconomicEntity).ref().nullable().index(),
    unit: () => p.manyToOne(AdminUnit).ref().nullable().index(),
    commune: p.string().length(200).nullable(),
    normalizedCommune: p.string().length(200).nullable().index(),
    group1048: p.string().length(40).nullable().index(),
    group148: p.string().length(40).nullable().index(),
    registeredOn: p.date().nullable().index(),
    registeredPrecision: p.enum([...DATE_PRECISIONS]).nullable(),
    sources: () => p.manyToMany(Source).pivotTable('product_source'),
    version: p.integer().version(),
  },
});
export type Product = InferEntity<typeof Product>;
