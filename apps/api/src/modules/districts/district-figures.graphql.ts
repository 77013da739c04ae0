// DistrictFigures: each district-level unit's figures for a plan year. Every number comes from a
// domain metric applied to the unit's share of the plan facts, so it matches the plan targets.
import { computeMetric, computeTargetProgress, defaultAsOf, type PlanFacts } from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import { AdminUnit } from '../admin-units/admin-unit.graphql.js';
import { planFacts, planPeriod, toDomainTarget } from '../plans/plan-facts.js';
import { PlanTarget as PlanTargetEntity } from '../plans/plan-target.entity.js';
import { findPlanOfYear, planYears } from '../plans/plan.service.js';
import { API_ERROR_CODES, apiError } from '../../graphql/errors.js';

interface DistrictFiguresShape {
  unitCode: string;
  participatingEntities: number;
  productsEvaluated: number;
  productsCertified: number;
  passRate: number | null;
  targetsMet: string[];
  asOf: string;
}

/** The facts that belong to one unit (its entities, its products and their records). */
function factsOfUnit(facts: PlanFacts, unitCode: string): PlanFacts {
  const products = facts.products.filter((p) => p.unitCode === unitCode);
  const productIds = new Set(products.map((p) => p.id));
  return {
    units: facts.units.filter((u) => u.code === unitCode),
    entities: facts.entities.filter((e) => e.unitCode === unitCode),
    products,
    evaluations: facts.evaluations.filter((e) => productIds.has(e.productId)),
    decisionItems: facts.decisionItems.filter((d) => productIds.has(d.productId)),
    activities: facts.activities.filter((a) => a.unitCode === unitCode),
  };
}

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
      const period = planPeriod(plan);
      const asOf = args.asOf ?? defaultAsOf(period.end, ctx.today);
      const facts = await planFacts(ctx, plan);
      const unitTargets = await ctx.em.find(
        PlanTargetEntity,
        { plan: plan.id, kind: 'each_unit_at_least' },
        { orderBy: { sortOrder: 'asc' } },
      );
      const perUnitProgress = await Promise.all(
        unitTargets.map(async (target) => ({
          code: target.code,
          progress: computeTargetProgress(
            await toDomainTarget(ctx, target, plan, asOf),
            facts,
            asOf,
          ),
        })),
      );
      const participating = computeMetric('entities_participating_per_unit', facts, period, asOf);
      return facts.units.map((unit) => {
        const own = factsOfUnit(facts, unit.code);
        const passRate = computeMetric('provincial_pass_rate', own, period, asOf);
        const certified = computeMetric('products_first_certified', own, period, asOf);
        const unitValue =
          participating.shape === 'per_unit'
            ? (participating.perUnit.find((u) => u.unitCode === unit.code)?.value ?? 0)
            : 0;
        const share = passRate.shape === 'share' ? passRate : null;
        return {
          unitCode: unit.code,
          asOf,
          participatingEntities: unitValue,
          productsEvaluated: share?.denominator ?? 0,
          productsCertified: certified.shape === 'count' ? certified.value : 0,
          passRate:
            share && share.denominator > 0
              ? Math.round((share.numerator / share.denominator) * 10000) / 100
              : null,
          targetsMet: perUnitProgress
            .filter((p) => p.progress.perUnit?.find((u) => u.unitCode === unit.code)?.met)
            .map((p) => p.code),
        };
      });
    },
  }),
}));
