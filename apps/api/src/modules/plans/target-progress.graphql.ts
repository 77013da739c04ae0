// TargetProgress: a plan target's value and status on an as-of date, computed by the domain
// (computeTargetProgress, status rule linear-pace-v1) over the facts the repository loads.
import type { TargetProgress as DomainTargetProgress, UnitProgress as DomainUnitProgress } from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import { AdminUnit } from '../admin-units/admin-unit.graphql.js';

export const TargetStatusEnum = builder.enumType('TargetStatus', {
  description: 'Status of a target on an as-of date under the rule named in statusRule.',
  values: {
    ACHIEVED: { value: 'achieved', description: 'Target met.' },
    ON_TRACK: { value: 'on_track', description: 'At or above the expected pace.' },
    AT_RISK: { value: 'at_risk', description: 'Behind pace, but recoverable (or early in the period).' },
    OFF_TRACK: { value: 'off_track', description: 'Far behind pace, or the period ended unmet.' },
    NOT_STARTED: { value: 'not_started', description: 'Before the period, or nothing measurable yet.' },
  } as const,
});

export const UnitProgress = builder.objectRef<DomainUnitProgress>('UnitProgress');
UnitProgress.implement({
  description: 'One unit’s value for a per-unit target.',
  fields: (t) => ({
    unit: t.field({
      type: AdminUnit,
      description: 'The unit.',
      resolve: async (u, _a, ctx) => (await ctx.loaders.adminUnitByCode.load(u.unitCode))!,
    }),
    value: t.exposeInt('value', { description: 'The unit’s count.' }),
    met: t.exposeBoolean('met', { description: 'True when the unit reaches the per-unit target.' }),
  }),
});

export const TargetProgress = builder.objectRef<DomainTargetProgress>('TargetProgress');
TargetProgress.implement({
  description:
    'Progress of a plan target on an as-of date. Year-only records count from 31 December of their year, and yearOnlyRecords says how many were used.',
  fields: (t) => ({
    asOf: t.field({ type: 'Date', description: 'Day the figures are computed for.', resolve: (p) => p.asOf }),
    actual: t.float({
      nullable: true,
      description: 'Count; share in percent; or the lowest unit value for per-unit targets. Null = no data (never shown as 0 %).',
      resolve: (p) => p.actual,
    }),
    numerator: t.int({ nullable: true, description: 'Shares: records counted; per-unit targets: units that met it.', resolve: (p) => p.numerator ?? null }),
    denominator: t.int({ nullable: true, description: 'Shares: the base; per-unit targets: number of units.', resolve: (p) => p.denominator ?? null }),
    target: t.exposeFloat('target', { description: 'Target (lower bound for ranges; per unit for per-unit targets).' }),
    targetMax: t.float({ nullable: true, description: 'Upper bound of a range target ("5-8" → 8).', resolve: (p) => p.targetMax }),
    ratio: t.float({ nullable: true, description: 'actual / target; null with no data.', resolve: (p) => p.ratio }),
    met: t.exposeBoolean('met', { description: 'Target reached on asOf.' }),
    aboveUpperBound: t.boolean({ description: 'Range targets: actual above the upper bound (still achieved; flagged for review).', resolve: (p) => p.aboveUpperBound ?? false }),
    status: t.field({ type: TargetStatusEnum, description: 'Status under statusRule.', resolve: (p) => p.status }),
    statusRule: t.exposeString('statusRule', { description: 'Name of the status rule (e.g. "linear-pace-v1"); a changed rule gets a new name.' }),
    statusReason: t.exposeString('statusReason', { description: 'Why this status, with the numbers (English).' }),
    noData: t.exposeBoolean('noData', { description: 'True when nothing measurable exists yet (e.g. a share with no base).' }),
    perUnit: t.field({ type: [UnitProgress], description: 'Per-unit values (per-unit targets only; otherwise empty).', resolve: (p) => p.perUnit ?? [] }),
    yearOnlyRecords: t.exposeInt('yearOnlyRecords', { description: 'Distinct year-only records used (each counts from 31 Dec).' }),
    metric: t.exposeString('metric', { description: 'Domain metric computed, e.g. "products_first_certified".' }),
    definition: t.exposeString('definition', { description: 'What is counted, in words.' }),
    countedIds: t.idList({ description: 'Ids of the products or entities behind the number.', resolve: (p) => p.counted }),
  }),
});
