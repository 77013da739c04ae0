// Bridges plan entities and the domain's target math: converts a stored target to the domain's
// PlanTarget and memoises the plan's facts for the request (every target reads the same facts).
// Progress goes through the figure cache (cache/figure-cache.ts): the facts are loaded only when a
// target's progress is not cached for the current data version.
import {
  defaultAsOf,
  factSelection,
  planVersionOn,
  targetValueOn,
  type PlanAmendmentFact,
  type PlanTarget as DomainPlanTarget,
  type TargetProgress,
} from '@ocop/domain';
import { cachedFigure } from '../../cache/figure-cache.js';
import type { GraphQLContext } from '../../graphql/context.js';
import type { Department } from '../departments/department.entity.js';
import type { PlanTarget } from './plan-target.entity.js';
import type { Plan } from './plan.entity.js';
import type { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { loadPlanUnits } from './plan.repository.js';
import { selectSegmentFactFields } from './plan-facts.query.js';
import { PLAN_FIGURES, type JobFigures } from './plan-progress-figures.js';
import { readThenCompute } from './plan-progress-read.js';
import { storeKeyOf, type SegmentedAnswer, type SegmentedJob } from './plan-progress-segments.js';
import {
  computeSegmentedInThread,
  computeSegmentedReadInThread,
  knownSegmentsInThread,
  progressOrThrow,
  Slots,
} from './plan-progress-thread.js';
import type { ProgressOutcome } from './plan-progress-worker.js';
import { amendmentFacts, findPlanOfYear, findTargets } from './plan.service.js';
import { logWorkerStatements, workerReadSettings } from './worker-reads.js';

const iso = (d: string | Date) => (d instanceof Date ? d.toISOString() : String(d)).slice(0, 10);

export function planPeriod(plan: Plan) {
  return { start: iso(plan.periodStart), end: iso(plan.periodEnd) };
}

/**
 * The day a plan's figures are computed for: the first day asked (a field's own argument, then the
 * one passed down from Plan.targets), else the domain's default (the plan's last day once it has
 * ended, today while it runs).
 */
export function planAsOf(
  plan: Plan,
  today: string,
  ...asked: readonly (string | null | undefined)[]
): string {
  return asked.find((day) => day != null) ?? defaultAsOf(planPeriod(plan).end, today);
}

/** The plan version in force on the day (1 = as issued). */
export async function planVersionInForce(
  ctx: GraphQLContext,
  plan: Plan,
  asOf?: string | null,
): Promise<number> {
  return planVersionOn(await planAmendments(ctx, plan), planAsOf(plan, ctx.today, asOf));
}

/**
 * The plan's units, read once per request; the unit loader is primed with them, so per-unit
 * progress resolves `unit` without another query.
 */
export function planUnits(ctx: GraphQLContext, plan: Plan): Promise<AdminUnit[]> {
  return ctx.memo(`plan-units:${plan.id}`, async () => {
    const units = await loadPlanUnits(ctx.em, plan);
    for (const unit of units) ctx.loaders.adminUnitByCode.prime(unit.code, unit);
    return units;
  });
}

/**
 * The plan's amendments, read once per request: from the plan itself when it was loaded with them
 * (findPlanOfYear, findPlanById), else with one query.
 */
export function planAmendments(ctx: GraphQLContext, plan: Plan): Promise<PlanAmendmentFact[]> {
  return ctx.memo(`plan-amendments:${plan.id}`, async () =>
    plan.amendments.isInitialized()
      ? plan.amendments
          .getItems()
          .map((a) => ({
            number: a.number,
            effectiveFrom: iso(a.effectiveFrom),
            changes: a.changes,
          }))
          .sort((a, b) => a.number - b.number)
      : amendmentFacts(ctx.em, plan.id),
  );
}

/**
 * A stored target as the domain's PlanTarget, with the given values (as issued, or those of the
 * plan version in force: toDomainTarget) and owner code (none: the profiling scripts).
 */
export function domainTargetOf(
  target: PlanTarget,
  period: { start: string; end: string },
  value: { targetValue: number; targetMax?: number | null } = target,
  ownerCode = '',
): DomainPlanTarget {
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
    owner: ownerCode,
    // An unknown metric makes the domain throw UNKNOWN_METRIC, mapped to that stable code.
    metric: target.metric as DomainPlanTarget['metric'],
    period,
  };
}

/** The target's department: joined with the targets (findTargets) when possible, else loaded. */
export async function targetOwner(
  ctx: GraphQLContext,
  target: PlanTarget,
): Promise<Department | null> {
  if (!target.owner) return null;
  if (target.owner.isInitialized()) return target.owner.unwrap();
  return ctx.loaders.department.load(target.owner.id);
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
  const owner = await targetOwner(ctx, target);
  const value = asOf
    ? targetValueOn(
        target.code,
        { targetValue: target.targetValue, targetMax: target.targetMax ?? null },
        await planAmendments(ctx, plan),
        asOf,
      )
    : { targetValue: target.targetValue, targetMax: target.targetMax ?? null };
  return domainTargetOf(target, planPeriod(plan), value, owner?.code ?? '');
}

/**
 * A target's progress, without the ids it counted (asked apart: countedIdsOf), and what it is the
 * progress of, so `countedIds` can ask for them.
 */
export type ProgressOfTarget = Omit<TargetProgress, 'counted'> & {
  of: { target: PlanTarget; plan: Plan };
};

export async function progressOf(
  ctx: GraphQLContext,
  target: PlanTarget,
  plan: Plan,
  asOf: string,
): Promise<ProgressOfTarget> {
  const progress = await ctx.memo(`progress:${target.id}:${asOf}`, () =>
    // Public: progress is the same for every viewer. The target's own values (and amendments)
    // change only through writes, which raise the data version.
    cachedFigure(
      ctx,
      'targetProgress',
      { planId: plan.id, targetId: target.id, asOf },
      async () => {
        // The worker left the ids out (countedIds asks for them apart): none in this entry.
        const { counted: _none, ...rest } = progressOrThrow(
          (await planProgress(ctx, plan, asOf, false)).get(target.id),
        );
        return rest;
      },
    ),
  );
  return { ...progress, of: { target, plan } };
}

/**
 * The ids of the products or entities a target's progress counted on `asOf`: computed (and
 * cached) only when asked, since at 100,000 products a plan's targets list tens of thousands.
 */
export function countedIdsOf(
  ctx: GraphQLContext,
  target: PlanTarget,
  plan: Plan,
  asOf: string,
): Promise<string[]> {
  return ctx.memo(`counted:${target.id}:${asOf}`, () =>
    cachedFigure(
      ctx,
      'targetCountedIds',
      { planId: plan.id, targetId: target.id, asOf },
      async () =>
        progressOrThrow((await planProgress(ctx, plan, asOf, true)).get(target.id)).counted,
    ),
  );
}

/** The plan's targets in plan order, read once per request (`targets` and progress share them). */
export function planTargets(ctx: GraphQLContext, plan: Plan): Promise<PlanTarget[]> {
  return ctx.memo(`plan-targets:${plan.id}`, () => findTargets(ctx.em, plan.id));
}

/**
 * Every target's progress on `asOf`, computed together once per request when one is not cached:
 * the facts are read here (one statement) and handed, as field strings, to the worker thread
 * (plan-progress-thread.ts), which builds the PlanFacts and runs the domain's metrics.
 */
function planProgress(
  ctx: GraphQLContext,
  plan: Plan,
  asOf: string,
  countedIds: boolean,
): Promise<Map<number, ProgressOutcome>> {
  return ctx.memo(`plan-progress:${plan.id}:${asOf}:${countedIds}`, async () => {
    const { byTarget } = await progressSlots.run(() =>
      computePlanProgress(ctx, plan, asOf, { answerFigures: false, countedIds }),
    );
    return byTarget;
  });
}

/**
 * Every target's progress on `asOf` with the figures of PLAN_FIGURES (the districts' columns),
 * counted in the worker as the targets are; once per request.
 */
export function planProgressWithFigures(
  ctx: GraphQLContext,
  plan: Plan,
  asOf: string,
): Promise<{ byTarget: Map<number, ProgressOutcome>; figures: JobFigures }> {
  return ctx.memo(`plan-figures:${plan.id}:${asOf}`, async () => {
    const { byTarget, answer } = await progressSlots.run(() =>
      computePlanProgress(ctx, plan, asOf, { answerFigures: true, countedIds: false }),
    );
    if (answer.figuresError) progressOrThrow(answer.figuresError);
    return { byTarget, figures: answer.figures! };
  });
}

/**
 * The overview's partial figures of a year's plan on its default as-of day, counted in this
 * process's worker thread (http/warm-up.ts): planProgressWithFigures does not go through the
 * figure cache, so they are counted even when the caches (Redis, filled by another process)
 * already hold the figures, and the first overview after a write then recounts only the segments
 * it touched. False when no plan has that year.
 */
export async function warmPlanPartials(ctx: GraphQLContext, year: number): Promise<boolean> {
  const plan = await findPlanOfYear(ctx.em, year);
  if (!plan) return false;
  await planProgressWithFigures(ctx, plan, planAsOf(plan, ctx.today));
  return true;
}

/**
 * At most two plan computations at once per process: each holds its facts (tens of MB at
 * 100,000 products) until done, and under a burst of writes every new data version would start
 * another one (the 30 s mixed load of `pnpm bench` at 100,000 products peaked at 486 MiB RSS
 * with no limit). The others wait their turn; the worker thread computes one at a time anyway.
 */
const progressSlots = new Slots(2);

async function computePlanProgress(
  ctx: GraphQLContext,
  plan: Plan,
  asOf: string,
  asked: Pick<SegmentedJob, 'answerFigures' | 'countedIds'>,
): Promise<{ byTarget: Map<number, ProgressOutcome>; answer: SegmentedAnswer }> {
  const targets = await planTargets(ctx, plan);
  const units = await planUnits(ctx, plan);
  const domainTargets: DomainPlanTarget[] = [];
  for (const target of targets) domainTargets.push(await toDomainTarget(ctx, target, plan, asOf));
  const period = planPeriod(plan);
  const { from, to } = factSelection(period, asOf);
  const job = {
    key: storeKeyOf(
      period,
      asOf,
      domainTargets.map((t) => t.metric),
      PLAN_FIGURES,
    ),
    units: units.map((u) => ({ code: u.code, name: u.name })),
    targets: domainTargets,
    figures: PLAN_FIGURES,
    ...asked,
    period,
    asOf,
  };
  // The statement reads only the facts of the segments changed since the worker's kept partials
  // (plan-progress-read.ts): in the worker, on its own connection, unless inside a transaction.
  const settings = workerReadSettings(ctx.em);
  let answer: SegmentedAnswer;
  if (settings) {
    const read = await computeSegmentedReadInThread(settings, { from, to }, job);
    logWorkerStatements(ctx.em, read.statements);
    answer = read.result;
  } else
    answer = await readThenCompute(
      await knownSegmentsInThread(job.key),
      (known) => selectSegmentFactFields(ctx.em, { from, to }, known),
      (read) => computeSegmentedInThread({ ...job, ...read }),
    );
  const { outcomes } = answer;
  return { byTarget: new Map(targets.map((target, i) => [target.id, outcomes[i]!])), answer };
}
