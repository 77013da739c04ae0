/** Typed plan targets, parsed from CSV rows such as data/seed/plan-2021-targets.csv. */
import { compareIso, parseIsoDate } from '../dates.js';
import { DomainError } from '../errors.js';
import type { PlanPeriod } from './facts.js';
import { NO_DATA_SOURCE_METRIC } from './metrics-programme.js';
import { getMetric, isMetricName, type MetricName, type MetricShape } from './metrics.js';

/** A computed metric, or {@link NO_DATA_SOURCE_METRIC} for a target whose facts are not recorded. */
export type TargetMetric = MetricName | typeof NO_DATA_SOURCE_METRIC;

/** True for a metric a target may name (an implemented one or no_data_source). */
export function isTargetMetric(name: string): name is TargetMetric {
  return name === NO_DATA_SOURCE_METRIC || isMetricName(name);
}

/** How a target is judged. */
export type TargetKind =
  'count_at_least' | 'count_between' | 'share_at_least' | 'each_unit_at_least';

/** One plan target. Shares are in percent (target 80 = 80 %). */
export interface PlanTarget {
  code: string;
  kind: TargetKind;
  labelVi: string;
  labelEn: string;
  /** What is counted, in English (the CSV's `definition`). */
  definition: string;
  /** The same definition in Vietnamese (optional CSV column `definition_vi`); null when absent. */
  definitionVi: string | null;
  /** Minimum (for count_between: lower bound; for each_unit_at_least: per unit). */
  target: number;
  /** Upper bound of count_between ("5-8" → 8); null otherwise. */
  targetMax: number | null;
  unitLabel: string;
  scope: string;
  /** Department code responsible (SNN, UBND-HUYEN, …). */
  owner: string;
  metric: TargetMetric;
  period: PlanPeriod;
}

/**
 * Plan 152/KH-UBND (2021): target code → metric. New plans add rows here (or a `metric` column
 * in their CSV), not code.
 */
export const PLAN_152_METRICS: Readonly<Record<string, MetricName>> = Object.freeze({
  'T1-CERTIFIED': 'products_first_certified',
  'T2-NATIONAL': 'products_national_evaluation',
  'T3-ENTITIES-PER-DISTRICT': 'entities_participating_per_unit',
  'T4-ENTITY-HAS-PRODUCT': 'entities_with_provincial_product',
  'T5-PASS-RATE': 'provincial_pass_rate',
  'T6-UPGRADES': 'upgrades_of_previous_year',
  'T7-CAPACITY': 'entities_with_capacity_activity',
  'T8-STANDARDISE-4STAR': 'previous_year_4star_standardised',
});

const KIND_SHAPE: Record<TargetKind, MetricShape> = {
  count_at_least: 'count',
  count_between: 'count',
  share_at_least: 'share',
  each_unit_at_least: 'per_unit',
};

/** True for a string that is a {@link TargetKind}. */
export function isTargetKind(value: string): value is TargetKind {
  return Object.prototype.hasOwnProperty.call(KIND_SHAPE, value);
}

/** True when a target of `kind` may use `metric` (no_data_source fits every kind). */
export function metricFitsKind(kind: TargetKind, metric: TargetMetric): boolean {
  return metric === NO_DATA_SOURCE_METRIC || getMetric(metric).shape === KIND_SHAPE[kind];
}

const REQUIRED_COLUMNS = [
  'code',
  'kind',
  'target',
  'unit',
  'scope',
  'owner',
  'label_vi',
  'label_en',
  'definition',
];
const NUMBER = /^\d+(?:\.\d+)?$/;

function fail(row: number, column: string, value: string, why: string): never {
  throw new DomainError('INVALID_TARGET', `Row ${row}, column ${column}: ${why} (got "${value}")`, {
    row,
    column,
    value,
  });
}

function validatePeriod(period: PlanPeriod): void {
  parseIsoDate(period.start);
  parseIsoDate(period.end);
  if (compareIso(period.start, period.end) > 0) {
    throw new DomainError(
      'INVALID_TARGET',
      `Plan period starts ${period.start}, after its end ${period.end}`,
      {
        column: 'period',
        value: `${period.start}..${period.end}`,
      },
    );
  }
}

/**
 * Turns CSV rows (columns code, kind, target, unit, scope, owner, label_vi, label_en,
 * definition; optional metric and definition_vi) into typed targets. `target` is "20" or, for count_between,
 * "5-8". The metric comes from the row's `metric` column or else from `metrics[code]`.
 * Errors are INVALID_TARGET with params.row (1 = first data row) and params.column.
 */
export function parsePlanTargets(
  rows: readonly Record<string, string | undefined>[],
  period: PlanPeriod,
  metrics: Readonly<Record<string, TargetMetric>> = PLAN_152_METRICS,
): PlanTarget[] {
  validatePeriod(period);
  const seen = new Set<string>();
  return rows.map((raw, index) => {
    const row = index + 1;
    const cell = (column: string): string => (raw[column] ?? '').trim();
    for (const column of REQUIRED_COLUMNS) {
      if (!cell(column)) fail(row, column, '', 'value is required');
    }
    const code = cell('code');
    if (seen.has(code)) fail(row, 'code', code, 'duplicate target code');
    seen.add(code);

    const kind = cell('kind');
    if (!isTargetKind(kind))
      fail(row, 'kind', kind, `expected one of ${Object.keys(KIND_SHAPE).join(', ')}`);

    const targetText = cell('target');
    let target: number;
    let targetMax: number | null = null;
    if (kind === 'count_between') {
      const [low, high, extra] = targetText.split('-').map((s) => s.trim());
      if (extra !== undefined || !low || !high || !NUMBER.test(low) || !NUMBER.test(high)) {
        fail(row, 'target', targetText, 'count_between needs a range like "5-8"');
      }
      target = Number(low);
      targetMax = Number(high);
      if (target > targetMax) fail(row, 'target', targetText, 'lower bound is above upper bound');
    } else {
      if (!NUMBER.test(targetText))
        fail(row, 'target', targetText, 'expected a non-negative number');
      target = Number(targetText);
      if (kind === 'share_at_least' && target > 100)
        fail(row, 'target', targetText, 'a share is at most 100 percent');
    }

    const mapped = Object.prototype.hasOwnProperty.call(metrics, code) ? metrics[code] : undefined;
    const metricText = cell('metric') || mapped || '';
    if (!metricText) fail(row, 'code', code, 'no metric is mapped to this target code');
    if (!isTargetMetric(metricText)) fail(row, 'metric', metricText, 'metric is not implemented');
    const shape = metricText === NO_DATA_SOURCE_METRIC ? null : getMetric(metricText).shape;
    if (shape !== null && shape !== KIND_SHAPE[kind]) {
      fail(
        row,
        'kind',
        kind,
        `metric ${metricText} gives a ${shape}, which does not fit this kind`,
      );
    }

    return {
      code,
      kind,
      labelVi: cell('label_vi'),
      labelEn: cell('label_en'),
      definition: cell('definition'),
      definitionVi: cell('definition_vi') || null,
      target,
      targetMax,
      unitLabel: cell('unit'),
      scope: cell('scope'),
      owner: cell('owner'),
      metric: metricText,
      period: { ...period },
    };
  });
}

/**
 * The published plans of 2020, 2022, 2023, 2025 and the 2021–2025 programme
 * (data/seed/plan-targets-2020-2025.csv): target code → metric. Codes that recur across years
 * mean the same thing there. The showroom / sales-point targets have no recorded facts.
 */
export const PUBLISHED_PLAN_METRICS: Readonly<Record<string, TargetMetric>> = Object.freeze({
  'T1-CERTIFIED': 'products_first_certified',
  'T1-CERTIFIED-MIN': 'products_first_certified',
  'T2-NATIONAL': 'products_national_evaluation',
  'T3-PRODUCTS-PER-DISTRICT': 'products_provincial_evaluation_per_unit',
  'T4-SALES-POINTS': NO_DATA_SOURCE_METRIC,
  'T5-KEY-PRODUCTS': 'products_with_support_activity',
  'T1-CERTIFIED-3STAR': 'products_certified_3star',
  'T2-CERTIFIED-4STAR': 'products_certified_4star',
  'P1-PRODUCTS-BY-2025': 'products_certified_cumulative',
  'P2-FIVE-STAR-BY-2025': 'five_star_products_cumulative',
  'P3-UPGRADED-SHARE': 'products_upgraded_share',
  'P4-COOPERATIVE-SHARE': 'entities_cooperative_share',
  'P5-SME-SHARE': 'entities_enterprise_share',
  'P6-SHOWROOM-PER-DISTRICT': NO_DATA_SOURCE_METRIC,
});
