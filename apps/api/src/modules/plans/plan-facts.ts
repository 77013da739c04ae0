// Bridges plan entities and the domain's target math: converts a stored target to the domain's
// PlanTarget and memoises the plan's facts for the request (every target reads the same facts).
// Progress goes through the figure cache (cache/figure-cache.ts): the facts are loaded only when a
// target's progress is not cached for the current data version.
import {
  computeTargetProgress,
  targetValueOn,
  type PlanAmendmentFact,
  type PlanFacts,
  type PlanTarget as DomainPlanTarget,
  type TargetProgress,
} from '@ocop/domain';
import { cachedFigure } from '../../cache/figure-cache.js';
import type { GraphQLContext } from '../../graphql/context.js';
import type { PlanTarget } from './plan-target.entity.js';
import type { Plan } from './plan.entity.js';
import { loadPlanFacts } from './plan.repository.js';
import { amendmentFacts } from './plan.service.js';

const iso = (d: string | Date) => (d instanceof Date ? d.toISOString() : String(d)).slice(0, 10);

export function planPeriod(plan: Plan) {
  return { start: iso(plan.periodStart), end: iso(plan.periodEnd) };
}

export function planFacts(ctx: GraphQLContext, plan: Plan): Promise<PlanFacts> {
  return ctx.memo(`plan-facts:${plan.id}`, () => loadPlanFacts(ctx.em, plan));
}

/** The plan's amendments, read once per request. */
export function planAmendments(ctx: GraphQLContext, plan: Plan): Promise<PlanAmendmentFact[]> {
  return ctx.memo(`plan-amendments:${plan.id}`, () => amendmentFacts(ctx.em, plan.id));
}

/**
 * The domain target with the values of the plan version in force on `asOf` (without `asOf`, the
 * values as issued).
 */
export async function toDomainTarget(
  ctx: GraphQLContext,
  target: PlanTarget,
  plan: Plan,
  asOf?: string,
): Promise<DomainPlanTarget> {
  const owner = target.owner ? await ctx.loaders.department.load(target.owner.id) : null;
  const value = asOf
    ? targetValueOn(
        target.code,
        { targetValue: target.targetValue, targetMax: target.targetMax ?? null },
        await planAmendments(ctx, plan),
        asOf,
      )
    : { targetValue: target.targetValue, targetMax: target.targetMax ?? null };
  return {
    code: target.code,
    kind: target.kind,
    labelVi: target.labelVi,
    labelEn: target.labelEn,
    definition: target.definition,
    definitionVi: target.definitionVi ?? null,
    target: value.targetValue,
    targetMax: value.targetMax ?? null,
    unitLabel: target.unitLabel,
    scope: target.scope,
    owner: owner?.code ?? '',
    // An unknown metric makes the domain throw UNKNOWN_METRIC, mapped to that stable code.
    metric: target.metric as DomainPlanTarget['metric'],
    period: planPeriod(plan),
  };
}

export async function progressOf(
  ctx: GraphQLContext,
  target: PlanTarget,
  plan: Plan,
  asOf: string,
): Promise<TargetProgress> {
  return ctx.memo(`progress:${target.id}:${asOf}`, () =>
    // Public: progress is the same for every viewer. The target's own values (and amendments)
    // change only through writes, which raise the data version.
    cachedFigure(ctx, 'targetProgress', { planId: plan.id, targetId: target.id, asOf }, async () =>
      computeTargetProgress(
        await toDomainTarget(ctx, target, plan, asOf),
        await planFacts(ctx, plan),
        asOf,
      ),
    ),
  );
}
