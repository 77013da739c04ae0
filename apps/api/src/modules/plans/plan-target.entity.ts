import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Department } from '../departments/department.entity.js';
import { Plan } from './plan.entity.js';

export const TARGET_KINDS = [
  'count_at_least',
  'count_between',
  'share_at_least',
  'each_unit_at_least',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** One numeric target of a plan; `definition` is the exact meaning the domain computes. */
export const PlanTarget = defineEntity({
  name: 'PlanTarget',
  tableName: 'plan_target',
  uniques: [{ properties: ['plan', 'code'] }],
  properties: {
    id: p.integer().primary(),
    plan: () => p.manyToOne(Plan).ref(),
    code: p.string().length(64),
    kind: p.enum([...TARGET_KINDS]),
    targetValue: p.double().$type<number>(),
    targetMax: p.double().$type<number>().nullable(),
    unitLabel: p.string().length(64),
    scope: p.string().length(200),
    owner: () => p.manyToOne(Department).ref().nullable(),
    labelVi: p.text(),
    labelEn: p.text(),
    definition: p.text(),
    /** The same definition in Vietnamese (the CSV's definition_vi); null when the plan gives none. */
    definitionVi: p.text().nullable(),
    metric: p.string().length(64),
    sortOrder: p.integer(),
    /** Where the target was published; a target two sources give differently is kept twice. */
    sourceUrl: p.text().nullable(),
    /** Caveats, e.g. "another source gives at least 35". */
    note: p.text().nullable(),
    version: p.integer().version(),
  },
});
export type PlanTarget = InferEntity<typeof PlanTarget>;
