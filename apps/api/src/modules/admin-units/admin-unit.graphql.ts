// AdminUnit: province, district-level units (city/town/district) and communes, with validity.
import { builder } from '../../graphql/builder.js';
import { dbEnum } from '../../graphql/enums.js';
import { type AdminUnit as AdminUnitEntity, UNIT_TYPES } from './admin-unit.entity.js';
import { listAdminUnits } from './admin-unit.service.js';

export const UnitTypeEnum = dbEnum('UnitType', UNIT_TYPES, {
  description: 'Kind of administrative unit.',
  valueDescriptions: {
    province: 'Tỉnh.',
    city: 'Thành phố thuộc tỉnh (district level).',
    town: 'Thị xã (district level).',
    district: 'Huyện (district level; abolished from 2025-07-01).',
    commune: 'Xã / phường / thị trấn.',
  },
});

export const AdminUnit = builder.objectRef<AdminUnitEntity>('AdminUnit');
AdminUnit.implement({
  description:
    'An administrative unit with validity dates. A unit that changed type (Tịnh Biên became a town on 2023-02-13) is a new record, so 2021 targets stay on 2021 units.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id.' }),
    code: t.exposeString('code', { description: 'Stable code, e.g. "cho-moi".' }),
    name: t.exposeString('name', { description: 'Vietnamese name, e.g. "Chợ Mới".' }),
    type: t.field({ type: UnitTypeEnum, description: 'Kind of unit.', resolve: (u) => u.type }),
    typeVi: t.exposeString('typeVi', {
      description: 'Vietnamese type label ("huyện", "thị xã", "thành phố").',
    }),
    validFrom: t.field({
      type: 'Date',
      nullable: true,
      description: 'First day in force; null = before our records start.',
      resolve: (u) => u.validFrom ?? null,
    }),
    validTo: t.field({
      type: 'Date',
      nullable: true,
      description: 'Last day in force (inclusive); null = still in force.',
      resolve: (u) => u.validTo ?? null,
    }),
  }),
});

builder.queryFields((t) => ({
  adminUnits: t.field({
    type: [AdminUnit],
    description: 'Administrative units, optionally only those in force on a day and of one type.',
    args: {
      onDate: t.arg({
        type: 'Date',
        description: 'Only units in force on this day (validity inclusive).',
      }),
      type: t.arg({ type: UnitTypeEnum, description: 'Only units of this type.' }),
    },
    resolve: (_root, args, ctx) => listAdminUnits(ctx.em, args),
  }),
}));
