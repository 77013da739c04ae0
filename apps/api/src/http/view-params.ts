/**
 * The query parameters of the dashboard's permalinks (apps/web/src/state/figures-state.ts and
 * plan-period.ts), read the same way on the server so `/figures/data.csv?<permalink query>`
 * answers exactly the view the permalink shows. Invalid values fall back to the defaults, as in
 * the dashboard.
 */
import { defaultAsOf, todayInVietnam } from '@ocop/domain';

export type Lang = 'vi' | 'en';
type Query = Record<string, unknown>;

const MEASURES = ['PRODUCTS', 'ENTITIES', 'EVALUATIONS', 'CERTIFICATES'] as const;
const GROUP_BYS = ['UNIT', 'GROUP', 'STARS', 'LEVEL', 'YEAR', 'ENTITY_TYPE'] as const;
const BASES = ['EVER_CERTIFIED', 'VALID_ON_AS_OF'] as const;
const LEVELS = ['DISTRICT', 'PROVINCE', 'NATIONAL'] as const;
const ENTITY_TYPES = [
  'ENTERPRISE',
  'COOPERATIVE',
  'COOPERATIVE_GROUP',
  'HOUSEHOLD_BUSINESS',
] as const;
const CODE = /^[\p{L}\p{N}_.-]{1,64}$/u;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type Measure = (typeof MEASURES)[number];
export type GroupBy = (typeof GROUP_BYS)[number];
export type Basis = (typeof BASES)[number];

export interface FiguresParams {
  lang: Lang;
  measure: Measure;
  groupBy: GroupBy;
  basis: Basis;
  asOf: string;
  groupTaxonomy: '1048' | '148';
  filter: {
    unitCode?: string;
    group?: string;
    stars?: number[];
    level?: string;
    year?: number;
    entityType?: string;
  };
}

export interface PlanParams {
  lang: Lang;
  year: number;
  asOf: string;
}

function first(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && v !== '' ? v : null;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

export function isIsoDate(value: string | null): value is string {
  if (value === null || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function langOf(query: Query): Lang {
  return first(query.lang) === 'en' ? 'en' : 'vi';
}

export function figuresParams(query: Query, today: string = todayInVietnam()): FiguresParams {
  const filter: FiguresParams['filter'] = {};
  const unit = first(query.unit);
  if (unit && CODE.test(unit)) filter.unitCode = unit;
  const group = first(query.group);
  if (group && CODE.test(group)) filter.group = group;
  const stars = [
    ...new Set(
      (first(query.stars) ?? '')
        .split(',')
        .filter((s) => s.trim() !== '')
        .map(Number)
        .filter((s) => Number.isInteger(s) && s >= 1 && s <= 5),
    ),
  ].sort((a, b) => a - b);
  if (stars.length) filter.stars = stars;
  const level = oneOf(first(query.level), LEVELS);
  if (level) filter.level = level;
  const year = first(query.year);
  if (year && /^\d{4}$/.test(year)) filter.year = Number(year);
  const entityType = oneOf(first(query.entityType), ENTITY_TYPES);
  if (entityType) filter.entityType = entityType;
  const asOf = first(query.asOf);
  return {
    lang: langOf(query),
    measure: oneOf(first(query.measure), MEASURES) ?? 'PRODUCTS',
    groupBy: oneOf(first(query.groupBy), GROUP_BYS) ?? 'UNIT',
    basis: oneOf(first(query.basis), BASES) ?? 'EVER_CERTIFIED',
    asOf: isIsoDate(asOf) ? asOf : today,
    groupTaxonomy: first(query.tax) === '148' ? '148' : '1048',
    filter,
  };
}

/** `?year=2021&asOf=2021-06-30` of the overview and districts pages; default plan year 2021. */
export function planParams(query: Query, today: string = todayInVietnam()): PlanParams {
  const yearText = first(query.year);
  const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : 2021;
  const asOf = first(query.asOf);
  return {
    lang: langOf(query),
    year,
    asOf: isIsoDate(asOf) ? asOf : defaultAsOf(`${year}-12-31`, today),
  };
}
