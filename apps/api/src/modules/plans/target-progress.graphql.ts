// TargetProgress: a plan target's value and status on an as-of date, computed by the domain
// (computeTargetProgress, status rule linear-pace-v2) over the facts the repository loads.
import type {
  TargetStatus as DomainTargetStatus,
  StatusReasonCode,
  StatusReasonParams,
  UnitProgress as DomainUnitProgress,
} from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import { AdminUnit } from '../admin-units/admin-unit.graphql.js';
import { countedIdsOf, type ProgressOfTarget } from './plan-facts.js';

export const TargetStatusEnum = builder.enumType('TargetStatus', {
  description: 'Status of a target on an as-of date under the rule named in statusRule.',
  values: {
    ACHIEVED: { value: 'achieved', description: 'Target met.' },
    ON_TRACK: { value: 'on_track', description: 'At or above the expected pace.' },
    AT_RISK: {
      value: 'at_risk',
      description: 'Behind pace, but recoverable (or early in the period).',
    },
    OFF_TRACK: { value: 'off_track', description: 'Far behind pace during the period.' },
    NOT_STARTED: {
      value: 'not_started',
      description: 'Before the period, or nothing measurable yet.',
    },
    MET: { value: 'met', description: 'The period is over and the target was met (final).' },
    MISSED: {
      value: 'missed',
      description: 'The period is over and the target was not met (final; never "at risk").',
    },
    DEMO_DATA: {
      value: 'demo_data',
      description:
        'The figure rests on generated sample records (sampleRecords > 0), so it proves nothing; never shown as achieved.',
    },
    NO_DATA_SOURCE: {
      value: 'no_data_source',
      description: 'The facts this target counts are not recorded anywhere; never shown as 0.',
    },
  } as const satisfies Record<string, { value: DomainTargetStatus; description: string }>,
});

export const StatusReasonCodeEnum = builder.enumType('StatusReasonCode', {
  description:
    'Which sentence of the status rule explains the status; statusReasonParams carries its numbers and dates.',
  values: {
    BEFORE_PERIOD: {
      value: 'before_period',
      description: 'asOf is before the period (params periodStart, asOf).',
    },
    ACHIEVED: { value: 'achieved', description: 'Target met (params asOf).' },
    ACHIEVED_ABOVE_RANGE: {
      value: 'achieved_above_range',
      description: 'Range target met above its upper bound (params asOf, targetMax).',
    },
    PERIOD_ENDED_UNMET: {
      value: 'period_ended_unmet',
      description:
        'The period ended without meeting the target (params periodEnd, margin = actual − target).',
    },
    PERIOD_ENDED_MET: {
      value: 'period_ended_met',
      description:
        'The period ended with the target met (params periodEnd, margin = actual − target).',
    },
    DEMO_DATA: {
      value: 'demo_data',
      description: 'The figure rests on sample records (params asOf, sampleRecords).',
    },
    NO_DATA_SOURCE: {
      value: 'no_data_source',
      description: 'The facts the target counts are not recorded (params asOf).',
    },
    NO_DATA: { value: 'no_data', description: 'Nothing measurable yet (params asOf).' },
    SHARE_WITHIN_MARGIN: {
      value: 'share_within_margin',
      description: 'Share within marginPoints of the target.',
    },
    SHARE_SHORT: {
      value: 'share_short',
      description: 'Share gapPoints short, within the at-risk margin marginPoints.',
    },
    SHARE_FAR_SHORT: {
      value: 'share_far_short',
      description: 'Share gapPoints short, beyond the at-risk margin.',
    },
    PACE_AHEAD: {
      value: 'pace_ahead',
      description: 'Count at or above linear pace (params expected, elapsedPercent).',
    },
    PACE_BEHIND: {
      value: 'pace_behind',
      description: 'Count behind linear pace, recoverable (params expected, elapsedPercent).',
    },
    PACE_FAR_BEHIND: {
      value: 'pace_far_behind',
      description: 'Count below half of linear pace (params expected, elapsedPercent).',
    },
  } as const satisfies Record<string, { value: StatusReasonCode; description: string }>,
});

interface ReasonParamShape {
  name: string;
  number: number | null;
  date: string | null;
}

const DATE_PARAMS: ReadonlySet<string> = new Set(['asOf', 'periodStart', 'periodEnd']);

/** The domain's params object as a list; dates and numbers go in their own typed fields. */
export function reasonParamList(params: StatusReasonParams): ReasonParamShape[] {
  return Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) =>
      DATE_PARAMS.has(name)
        ? { name, number: null, date: String(value) }
        : { name, number: Number(value), date: null },
    );
}

export const StatusReasonParam = builder.objectRef<ReasonParamShape>('StatusReasonParam');
StatusReasonParam.implement({
  description: 'One number or date of a status reason; exactly one of number and date is set.',
  fields: (t) => ({
    name: t.exposeString('name', {
      description:
        'asOf, periodStart, periodEnd (dates); target, targetMax, actual, expected, elapsedPercent, gapPoints, marginPoints, margin, sampleRecords (numbers).',
    }),
    number: t.float({
      nullable: true,
      description: 'The value of a number parameter (2 decimals at most).',
      resolve: (p) => p.number,
    }),
    date: t.field({
      type: 'Date',
      nullable: true,
      description: 'The value of a date parameter.',
      resolve: (p) => p.date,
    }),
  }),
});

export const UnitProgress = builder.objectRef<DomainUnitProgress>('UnitProgress');
UnitProgress.implement({
  description: 'One unit’s value for a per-unit target.',
  fields: (t) => ({
    unit: t.field({
      type: AdminUnit,
      description: 'The unit.',
      resolve: (u, _a, ctx) => ctx.loaders.adminUnitByCode.get(u.unitCode),
    }),
    value: t.exposeInt('value', { description: 'The unit’s count.' }),
    met: t.exposeBoolean('met', { description: 'True when the unit reaches the per-unit target.' }),
    status: t.field({
      type: TargetStatusEnum,
      description:
        'The unit’s own status: its count against the per-unit target, under the target’s status rule.',
      resolve: (u) => u.status,
    }),
    statusReasonCode: t.field({
      type: StatusReasonCodeEnum,
      description: 'Why the unit has this status, as a code.',
      resolve: (u) => u.statusReasonCode,
    }),
    statusReasonParams: t.field({
      type: [StatusReasonParam],
      description: 'Numbers and dates of the unit’s reason (actual is the unit’s count).',
      resolve: (u) => reasonParamList(u.statusReasonParams),
    }),
  }),
});

export const TargetProgress = builder.objectRef<ProgressOfTarget>('TargetProgress');
TargetProgress.implement({
  description:
    "Progress of a plan target on an as-of date. Year-only records count from 31 December of their year (or from an earlier day the source gives, such as the certificates' hand-over), and yearOnlyRecords says how many were used.",
  fields: (t) => ({
    asOf: t.field({
      type: 'Date',
      description: 'Day the figures are computed for.',
      resolve: (p) => p.asOf,
    }),
    actual: t.float({
      nullable: true,
      description:
        'Count; share in percent; or the lowest unit value for per-unit targets. Null = no data (never shown as 0 %).',
      resolve: (p) => p.actual,
    }),
    numerator: t.int({
      nullable: true,
      description: 'Shares: records counted; per-unit targets: units that met it.',
      resolve: (p) => p.numerator ?? null,
    }),
    denominator: t.int({
      nullable: true,
      description: 'Shares: the base; per-unit targets: number of units.',
      resolve: (p) => p.denominator ?? null,
    }),
    target: t.exposeFloat('target', {
      description: 'Target (lower bound for ranges; per unit for per-unit targets).',
    }),
    targetMax: t.float({
      nullable: true,
      description: 'Upper bound of a range target ("5-8" → 8).',
      resolve: (p) => p.targetMax,
    }),
    ratio: t.float({
      nullable: true,
      description: 'actual / target; null with no data.',
      resolve: (p) => p.ratio,
    }),
    met: t.exposeBoolean('met', { description: 'Target reached on asOf.' }),
    aboveUpperBound: t.boolean({
      description:
        'Range targets: actual above the upper bound (still achieved; flagged for review).',
      resolve: (p) => p.aboveUpperBound ?? false,
    }),
    status: t.field({
      type: TargetStatusEnum,
      description: 'Status under statusRule.',
      resolve: (p) => p.status,
    }),
    statusRule: t.exposeString('statusRule', {
      description:
        'Name of the status rule (e.g. "linear-pace-v2"); a changed rule gets a new name.',
    }),
    statusReason: t.exposeString('statusReason', {
      description: 'Why this status, with the numbers (English).',
    }),
    statusReasonCode: t.field({
      type: StatusReasonCodeEnum,
      description: 'The same reason as a code, for clients that say it in their own language.',
      resolve: (p) => p.statusReasonCode,
    }),
    statusReasonParams: t.field({
      type: [StatusReasonParam],
      description: 'Numbers and dates the reason uses (actual is absent when there is no data).',
      resolve: (p) => reasonParamList(p.statusReasonParams),
    }),
    noDataSource: t.exposeBoolean('noDataSource', {
      description:
        'True when the target’s facts (e.g. showrooms, sales points) are not recorded at all: no data source.',
    }),
    noData: t.exposeBoolean('noData', {
      description: 'True when nothing measurable exists yet (e.g. a share with no base).',
    }),
    perUnit: t.field({
      type: [UnitProgress],
      description: 'Per-unit values (per-unit targets only; otherwise empty).',
      resolve: (p) => p.perUnit ?? [],
    }),
    yearOnlyRecords: t.exposeInt('yearOnlyRecords', {
      description: 'Distinct year-only records used (each counts from 31 Dec).',
    }),
    publishedRounds: t.stringList({
      description:
        'Council rounds ("1/2021") whose published counts gave numerator and denominator, because the province lists no failed products; empty when the figure rests on recorded evaluations.',
      resolve: (p) => p.publishedRounds ?? [],
    }),
    sampleRecords: t.exposeInt('sampleRecords', {
      description:
        'Distinct SAMPLE (fabricated demo) activity records the figure rests on; 0 when it uses real records only.',
    }),
    metric: t.exposeString('metric', {
      description: 'Domain metric computed, e.g. "products_first_certified".',
    }),
    definition: t.exposeString('definition', {
      description: 'What is counted, in words (English).',
    }),
    definitionVi: t.string({
      nullable: true,
      description: 'What is counted, in Vietnamese; null when the target has none.',
      resolve: (p) => p.definitionVi,
    }),
    countedIds: t.idList({
      description:
        'Ids of the products or entities behind the number. Counted apart from the other fields, only when asked: at national scale a target lists tens of thousands.',
      resolve: (p, _args, ctx) => countedIdsOf(ctx, p.of.target, p.of.plan, p.asOf),
    }),
  }),
});
