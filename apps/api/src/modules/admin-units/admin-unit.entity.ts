import { vietnameseSortKey, vietnameseSortKeyLength } from '@ocop/domain';
import { defineEntity, p, type EntitySchema, type Ref } from '@mikro-orm/core';

export const UNIT_TYPES = ['province', 'city', 'town', 'district', 'commune'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/**
 * An administrative unit with validity dates. Units change (Tịnh Biên became a town on
 * 2023-02-13; the district level ended on 2025-06-30), so a renamed or upgraded unit is a new row
 * pointing at its predecessor through `successor`, and 2021 targets stay on 2021's units.
 */
export interface AdminUnit {
  id: number;
  code: string;
  name: string;
  normalizedName: string;
  sortKey: string;
  type: UnitType;
  typeVi: string;
  validFrom: string | null;
  validTo: string | null;
  successor: Ref<AdminUnit> | null;
}

// Explicit interface because the entity refers to itself (successor); inference would be circular.
export const AdminUnit: EntitySchema<AdminUnit> = defineEntity({
  name: 'AdminUnit',
  tableName: 'admin_unit',
  properties: {
    id: p.integer().primary(),
    code: p.string().length(64).unique(),
    name: p.string().length(200),
    normalizedName: p.string().length(200).index(),
    // Vietnamese alphabetical order for ORDER BY on either database (domain: vietnamese-order.ts).
    sortKey: p
      .string()
      .length(vietnameseSortKeyLength(200))
      .onCreate((e: { name: string }) => vietnameseSortKey(e.name))
      .onUpdate((e: { name: string }) => vietnameseSortKey(e.name))
      .index(),
    type: p.enum([...UNIT_TYPES]).index(),
    typeVi: p.string().length(40),
    validFrom: p.date().nullable(),
    validTo: p.date().nullable(),
    successor: () => p.manyToOne(AdminUnit).ref().nullable(),
  },
}) as unknown as EntitySchema<AdminUnit>;
