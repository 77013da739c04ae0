// Each district-level unit's figures for a plan on an as-of day. Every number comes from a domain
// metric applied to the unit's share of the plan facts, so it matches the plan targets. The whole
// list is cached per (plan, as-of day, data version): it is the same for every viewer.
import {
  type MetricName,
  type StatusReasonCode,
  type StatusReasonParams,
  type TargetStatus,
} from '@ocop/domain';
import { cachedFigure } from '../../cache/figure-cache.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { API_ERROR_CODES, apiError } from '../../graphql/errors.js';
import {
  planAsOf,
  planProgressWithFigures,
  planTargets,
  toDomainTarget,
} from '../plans/plan-facts.js';
import { PLAN_FIGURES } from '../plans/plan-progress-figures.js';
import { progressOrThrow } from '../plans/plan-progress-thread.js';
import type { Plan } from '../plans/plan.entity.js';
import { findPlanOfYear, planYears } from '../plans/plan.service.js';

/** One unit's cell of a per-unit target (the scorecard matrix on /districts). */
export interface DistrictTargetShape {
  code: string;
  labelVi: string;
  labelEn: string;
  /** The per-unit target in force on the as-of day. */
  target: number;
  unitLabel: string;
  /** The unit's count; null when the target's facts are not recorded (no_data_source). */
  value: number | null;
  met: boolean;
  status: TargetStatus;
  statusReasonCode: StatusReasonCode;
  statusReasonParams: StatusReasonParams;
}

/** Certificates of one star level dated in the plan year (metrics products_certified_<n>star). */
const STAR_METRICS = {
  3: 'products_certified_3star',
  4: 'products_certified_4star',
  5: 'products_certified_5star',
} as const satisfies Record<number, MetricName>;

export interface DistrictFiguresShape {
  unitCode: string;
  participatingEntities: number;
  productsEvaluated: number;
  productsCertified: number;
  /** Products whose certificate dated in the plan year is 3★, 4★ and 5★ (index 0, 1, 2). */
  productsByStars: [number, number, number];
  unitTargets: DistrictTargetShape[];
  passRate: number | null;
  targetsMet: string[];
  /** Distinct records behind the row’s product counts and pass rate dated by year only (or only bounded). */
  yearOnlyRecords: number;
  asOf: string;
}

async function computeDistrictFigures(
  ctx: GraphQLContext,
  plan: Plan,
  asOf: string,
): Promise<DistrictFiguresShape[]> {
  // Counted in the plan-progress worker with every target (PLAN_FIGURES are the columns below):
  // after a write only the touched segment is recounted, and the main thread never runs a metric.
  const { byTarget, figures } = await planProgressWithFigures(ctx, plan, asOf);
  const targets = await planTargets(ctx, plan);
  const perUnitProgress = await Promise.all(
    targets
      .filter((target) => target.kind === 'each_unit_at_least')
      .map(async (target) => ({
        target: await toDomainTarget(ctx, target, plan, asOf),
        code: target.code,
        progress: progressOrThrow(byTarget.get(target.id)),
      })),
  );
  const participating = figures.province.entities_participating_per_unit?.perUnit ?? [];
  return figures.units.map(({ unitCode, figures: own, yearOnlyRecords }) => {
    const share = own.provincial_pass_rate;
    const count = (metric: (typeof PLAN_FIGURES.perUnit)[number]) => own[metric]?.value ?? 0;
    return {
      unitCode,
      asOf,
      participatingEntities: participating.find((u) => u.unitCode === unitCode)?.value ?? 0,
      productsEvaluated: share?.denominator ?? 0,
      productsCertified: count('products_first_certified'),
      passRate:
        share?.denominator && share.numerator !== undefined
          ? Math.round((share.numerator / share.denominator) * 10000) / 100
          : null,
      productsByStars: [count(STAR_METRICS[3]), count(STAR_METRICS[4]), count(STAR_METRICS[5])],
      // One tally for the row: a record behind two of its columns is one year-only record.
      yearOnlyRecords,
      targetsMet: perUnitProgress
        .filter((p) => p.progress.perUnit?.find((u) => u.unitCode === unitCode)?.met)
        .map((p) => p.code),
      unitTargets: perUnitProgress.map(({ target, progress }) => {
        // A target without a data source has no per-unit values: its cell takes the target's
        // status (no_data_source) and no number, never 0.
        const cell = progress.perUnit?.find((u) => u.unitCode === unitCode);
        return {
          code: target.code,
          labelVi: target.labelVi,
          labelEn: target.labelEn,
          target: target.target,
          unitLabel: target.unitLabel,
          value: cell?.value ?? null,
          met: cell?.met ?? false,
          status: cell?.status ?? progress.status,
          statusReasonCode: cell?.statusReasonCode ?? progress.statusReasonCode,
          statusReasonParams: cell?.statusReasonParams ?? progress.statusReasonParams,
        };
      }),
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

/**
 * The `districts` answer: the figures of the plan of `planYear` on `asOf` (default today, or the
 * period end for a past plan). No plan, no per-plan figures: NOT_FOUND says which years have one
 * instead of an empty list.
 */
export async function districtFiguresOfYear(
  ctx: GraphQLContext,
  planYear: number,
  asOf: string | null | undefined,
): Promise<DistrictFiguresShape[]> {
  const plan = await findPlanOfYear(ctx.em, planYear);
  if (!plan) {
    const years = await planYears(ctx.em);
    throw apiError(
      API_ERROR_CODES.NOT_FOUND,
      {
        en: `No plan is recorded for ${planYear}; plans exist for ${years.join(', ')}.`,
        vi: `Chưa có kế hoạch năm ${planYear}; đã có kế hoạch các năm ${years.join(', ')}.`,
      },
      { field: 'planYear', recordType: 'Plan', planYears: years },
    );
  }
  return districtFigures(ctx, plan, planAsOf(plan, ctx.today, asOf));
}
