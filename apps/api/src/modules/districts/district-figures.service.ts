// Each district-level unit's figures for a plan on an as-of day. Every number comes from a domain
// metric applied to the unit's share of the plan facts, so it matches the plan targets. The whole
// list is cached per (plan, as-of day, data version): it is the same for every viewer.
import { computeMetric, computeTargetProgress, factsOfUnit } from '@ocop/domain';
import { cachedFigure } from '../../cache/figure-cache.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { planFacts, planPeriod, toDomainTarget } from '../plans/plan-facts.js';
import { PlanTarget as PlanTargetEntity } from '../plans/plan-target.entity.js';
import type { Plan } from '../plans/plan.entity.js';

export interface DistrictFiguresShape {
  unitCode: string;
  participatingEntities: number;
  productsEvaluated: number;
  productsCertified: number;
  passRate: number | null;
  targetsMet: string[];
  asOf: string;
}

async function computeDistrictFigures(
  ctx: GraphQLContext,
  plan: Plan,
  asOf: string,
): Promise<DistrictFiguresShape[]> {
  const period = planPeriod(plan);
  const facts = await planFacts(ctx, plan, asOf);
  // Owners joined in the same statement: toDomainTarget then needs no department query.
  const unitTargets = await ctx.em.find(
    PlanTargetEntity,
    { plan: plan.id, kind: 'each_unit_at_least' },
    { orderBy: { sortOrder: 'asc' }, populate: ['owner'], strategy: 'joined' },
  );
  const perUnitProgress = await Promise.all(
    unitTargets.map(async (target) => ({
      code: target.code,
      progress: computeTargetProgress(await toDomainTarget(ctx, target, plan, asOf), facts, asOf),
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
}

export function districtFigures(
  ctx: GraphQLContext,
  plan: Plan,
  asOf: string,
): Promise<DistrictFiguresShape[]> {
  return cachedFigure(ctx, 'districts', { planId: plan.id, asOf }, () =>
    computeDistrictFigures(ctx, plan, asOf),
  );
}
