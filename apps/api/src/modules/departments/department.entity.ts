import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A body that plan 152/KH-UBND assigns tasks to (Sở, newspaper, district committees). */
export const Department = defineEntity({
  name: 'Department',
  tableName: 'department',
  properties: {
    id: p.integer().primary(),
    code: p.string().length(32).unique(),
    nameVi: p.string().length(300),
    nameEn: p.string().length(300),
    /** Role in English (data/seed/departments.csv role_en). */
    role: p.text(),
    /** Role in Vietnamese (role_vi); null for rows recorded before the column existed. */
    roleVi: p.text().nullable(),
    version: p.integer().version(),
  },
});
export type Department = InferEntity<typeof Department>;
