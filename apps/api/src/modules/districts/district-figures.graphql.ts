// DistrictFigures: each district-level unit's figures for a plan year, computed (and cached) by
// district-figures.service.ts.
import { defaultAsOf } from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import { AdminUnit } from '../admin-units/admin-unit.graphql.js';
import { planPeriod } from '../plans/plan-facts.js';
import { findPlanOfYear, planYears } from '../plans/plan.service.js';
import { districtFigures, type DistrictFiguresShape } from './district-figures.service.js';
import { API_ERROR_CODES, apiError } from '../../graphql/errors.js';

export const DistrictFigures = builder.objectRef<DistrictFiguresShape>('DistrictFigures');
DistrictFigures.implement({
  description: 'A district-level unit’s OCOP figures in a plan year, on an as-of day.',
  fields: (t) => ({
    unit: t.field({
      type: AdminUnit,
      description: 'The unit.',
      resolve: async (f, _a, ctx) => (await ctx.loaders.adminUnitByCode.load(f.unitCode))!,
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
    resolve: async (_root, args, ctx) => {
      const plan = await findPlanOfYear(ctx.em, args.planYear);
      // No plan, no per-plan figures: say so (and which years have one) instead of an empty list.
      if (!plan) {
        const years = await planYears(ctx.em);
        throw apiError(
          API_ERROR_CODES.NOT_FOUND,
          {
            en: `No plan is recorded for ${args.planYear}; plans exist for ${years.join(', ')}.`,
            vi: `Chưa có kế hoạch năm ${args.planYear}; đã có kế hoạch các năm ${years.join(', ')}.`,
          },
          { field: 'planYear', recordType: 'Plan', planYears: years },
        );
      }
      const asOf = args.asOf ?? defaultAsOf(planPeriod(plan).end, ctx.today);
      return districtFigures(ctx, plan, asOf);
    },
  }),
}));
