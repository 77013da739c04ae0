/**
 * The query parameters of the dashboard's permalinks (apps/web/src/state/figures-state.ts and
 * plan-period.ts), read the same way on the server so `/figures/data.csv?<permalink query>`
 * answers exactly the view the permalink shows. Invalid values fall back to the defaults, as in
 * the dashboard.
 */
import {
  CERTIFICATE_STATUSES as DOMAIN_CERTIFICATE_STATUSES,
  defaultAsOf,
  todayInVietnam,
} from '@ocop/domain';

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
/** The GraphQL enum's values: the domain's statuses upper-cased (certificate.graphql.ts). */
const CERTIFICATE_STATUSES = DOMAIN_CERTIFICATE_STATUSES.map((s) => s.toUpperCase()) as Uppercase<
  (typeof DOMAIN_CERTIFICATE_STATUSES)[number]
>[];
const CODE = /^[\p{L}\p{N}_.-]{1,64}$/u;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type Measure = (typeof MEASURES)[number];
export type GroupBy = (typeof GROUP_BYS)[number];
export type Basis = (typeof BASES)[number];
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

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

/** The products list's permalink (apps/web/src/state/products-query.ts). */
export interface ProductsParams {
  lang: Lang;
  search: string;
  unitCode: string | null;
  group: string | null;
  stars: number | null;
  year: number | null;
  certificateStatus: CertificateStatus | null;
  /** The page's date; the page uses today when the link has none. */
  asOf: string;
  /** The page's cursor: the data starts at that page's first row. */
  after: string | null;
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

/** `?q=…&unit=…&group=…&stars=…&year=…&cert=…&asOf=…&after=…` of the products list. */
export function productsParams(query: Query, today: string = todayInVietnam()): ProductsParams {
  const unit = first(query.unit);
  const group = first(query.group);
  const stars = Number(first(query.stars));
  const year = first(query.year);
  const asOf = first(query.asOf);
  return {
    lang: langOf(query),
    search: (first(query.q) ?? '').trim().slice(0, 200),
    unitCode: unit && CODE.test(unit) ? unit : null,
    group: group && CODE.test(group) ? group : null,
    stars: Number.isInteger(stars) && stars >= 1 && stars <= 5 ? stars : null,
    year: year && /^\d{4}$/.test(year) ? Number(year) : null,
    certificateStatus: oneOf(first(query.cert), CERTIFICATE_STATUSES),
    asOf: isIsoDate(asOf) ? asOf : today,
    after: first(query.after),
  };
}

/** The plan year the dashboard opens on (apps/web/src/state/plan-period.ts says the same). */
export const DEFAULT_PLAN_YEAR = 2021;

/** `?year=2021&asOf=2021-06-30` of the overview and districts pages; default DEFAULT_PLAN_YEAR. */
export function planParams(query: Query, today: string = todayInVietnam()): PlanParams {
  const yearText = first(query.year);
  const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : DEFAULT_PLAN_YEAR;
  const asOf = first(query.asOf);
  return {
    lang: langOf(query),
    year,
    asOf: isIsoDate(asOf) ? asOf : defaultAsOf(`${year}-12-31`, today),
  };
}
