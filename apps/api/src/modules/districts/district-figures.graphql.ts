// DistrictFigures: each district-level unit's figures for a plan year, computed (and cached) by
// district-figures.service.ts.
import { builder } from '../../graphql/builder.js';
import { AdminUnit } from '../admin-units/admin-unit.graphql.js';
import {
  StatusReasonCodeEnum,
  StatusReasonParam,
  TargetStatusEnum,
  reasonParamList,
} from '../plans/target-progress.graphql.js';
import {
  districtFiguresOfYear,
  type DistrictFiguresShape,
  type DistrictTargetShape,
} from './district-figures.service.js';

export const DistrictTarget = builder.objectRef<DistrictTargetShape>('DistrictTarget');
DistrictTarget.implement({
  description:
    'One district-level unit against one per-unit ("each unit at least") target of the plan: a cell of the scorecard.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Target code, e.g. "T3-ENTITIES-PER-DISTRICT".' }),
    labelVi: t.exposeString('labelVi', { description: 'Target label in Vietnamese.' }),
    labelEn: t.exposeString('labelEn', { description: 'Target label in English.' }),
    target: t.exposeFloat('target', {
      description: 'Per-unit target in force on the as-of day (plan amendments applied).',
    }),
    unitLabel: t.exposeString('unitLabel', { description: 'What is counted, e.g. "entities".' }),
    value: t.int({
      nullable: true,
      description: 'The unit’s count; null when the target’s facts are not recorded (never 0).',
      resolve: (c) => c.value,
    }),
    met: t.exposeBoolean('met', { description: 'True when the unit reaches the target.' }),
    status: t.field({
      type: TargetStatusEnum,
      description: 'The unit’s status under the target’s status rule.',
      resolve: (c) => c.status,
    }),
    statusReasonCode: t.field({
      type: StatusReasonCodeEnum,
      description: 'Why this status, as a code.',
      resolve: (c) => c.statusReasonCode,
    }),
    statusReasonParams: t.field({
      type: [StatusReasonParam],
      description: 'Numbers and dates of the reason.',
      resolve: (c) => reasonParamList(c.statusReasonParams),
    }),
  }),
});

export const DistrictFigures = builder.objectRef<DistrictFiguresShape>('DistrictFigures');
DistrictFigures.implement({
  description: 'A district-level unit’s OCOP figures in a plan year, on an as-of day.',
  fields: (t) => ({
    unit: t.field({
      type: AdminUnit,
      description: 'The unit.',
      resolve: (f, _a, ctx) => ctx.loaders.adminUnitByCode.get(f.unitCode),
    }),
    asOf: t.field({
      type: 'Date',
      description: 'Day the figures are computed for.',
      resolve: (f) => f.asOf,
    }),
    participatingEntities: t.exposeInt('participatingEntities', {
      description:
        'Distinct entities that entered the programme (registered or evaluated) in the plan year (target T3’s count).',
    }),
    productsEvaluated: t.exposeInt('productsEvaluated', {
      description: 'Distinct products evaluated at provincial level in the plan year.',
    }),
    productsCertified: t.exposeInt('productsCertified', {
      description: 'Distinct products first certified 3★+ in the plan year.',
    }),
    productsCertified3Star: t.int({
      description:
        'Distinct products whose certificate dated in the plan year is 3★ (first certification or re-certification).',
      resolve: (f) => f.productsByStars[0],
    }),
    productsCertified4Star: t.int({
      description: 'Distinct products whose certificate dated in the plan year is 4★.',
      resolve: (f) => f.productsByStars[1],
    }),
    productsCertified5Star: t.int({
      description: 'Distinct products whose certificate dated in the plan year is 5★ (national).',
      resolve: (f) => f.productsByStars[2],
    }),
    unitTargets: t.field({
      type: [DistrictTarget],
      description:
        'The unit against each per-unit target of the plan (kind EACH_UNIT_AT_LEAST), in plan order.',
      resolve: (f) => f.unitTargets,
    }),
    passRate: t.float({
      nullable: true,
      description:
        'Percent of provincially evaluated products reaching 3★; null when none was evaluated.',
      resolve: (f) => f.passRate,
    }),
    targetsMet: t.stringList({
      description:
        'Codes of the per-unit plan targets this unit meets (e.g. "T3-ENTITIES-PER-DISTRICT").',
      resolve: (f) => f.targetsMet,
    }),
    yearOnlyRecords: t.exposeInt('yearOnlyRecords', {
      description:
        'Distinct records behind the product counts and pass rate dated by year only: they count from 31 December of their year, or from an earlier day the source gives (certificates handed over).',
    }),
  }),
});

builder.queryFields((t) => ({
  districts: t.field({
    type: [DistrictFigures],
    description: 'Figures for every district-level unit in force during the plan year, by name.',
    args: {
      planYear: t.arg.int({ required: true, description: 'Plan year, e.g. 2021.' }),
      asOf: t.arg({
        type: 'Date',
        description: 'Day to compute for (default today, or the period end for a past plan).',
      }),
    },
    resolve: (_root, args, ctx) => districtFiguresOfYear(ctx, args.planYear, args.asOf),
  }),
}));
