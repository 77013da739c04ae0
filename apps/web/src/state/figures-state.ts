/**
 * Everything the "For journalists" view depends on, and its round trip through the URL query,
 * so a permalink restores exactly the same figure. Unknown or invalid values fall back to defaults.
 */
import {
  CERTIFIED_BASES,
  ENTITY_TYPES,
  EVALUATION_LEVELS,
  STATS_GROUP_BYS,
  STATS_MEASURES,
  type CertifiedBasis,
  type EntityType,
  type EvaluationLevel,
  type GroupTaxonomy,
  type StatsGroupBy,
  type StatsMeasure,
} from '../graphql/types';
import type { StatsFilter, StatsVariables } from '../graphql/stats';
import type { Taxonomy } from '@ocop/domain';
import { isIsoDate } from './plan-period';

export interface FiguresState {
  measure: StatsMeasure;
  groupBy: StatsGroupBy;
  /**
   * Taxonomy of product groups (rows and the group filter): 1048/QĐ-TTg or 148/QĐ-TTg, as the
   * domain names it (the permalink's short `tax=1048`); sent as the API's GroupTaxonomy enum.
   */
  groupTaxonomy: Taxonomy;
  basis: CertifiedBasis;
  /** null: today (resolved to a concrete date before a permalink is made). */
  asOf: string | null;
  unitCode: string | null;
  group: string | null;
  stars: number[];
  level: EvaluationLevel | null;
  year: number | null;
  entityType: EntityType | null;
}

export const DEFAULT_FIGURES_STATE: Readonly<FiguresState> = Object.freeze({
  measure: 'PRODUCTS',
  groupBy: 'UNIT',
  groupTaxonomy: '1048',
  // Ever certified: on today's date every 2020–21 certificate (36 months) has expired, so
  // "valid on" would open on an empty page. The permalink always pins the basis.
  basis: 'EVER_CERTIFIED',
  asOf: null,
  unitCode: null,
  group: null,
  stars: [],
  level: null,
  year: null,
  entityType: null,
});

type QueryValue = string | null | (string | null)[] | undefined;
export type QueryInput = Record<string, QueryValue>;

const TAXONOMIES: readonly Taxonomy[] = ['1048', '148'];
/** The API's enum value of each taxonomy. */
const TAXONOMY_ENUM: Readonly<Record<Taxonomy, GroupTaxonomy>> = {
  '1048': 'QD1048',
  '148': 'QD148',
};
const CODE = /^[\p{L}\p{N}_.-]{1,64}$/u;

export function figuresStateToQuery(state: FiguresState): Record<string, string> {
  const query: Record<string, string> = {
    measure: state.measure,
    groupBy: state.groupBy,
    tax: state.groupTaxonomy,
    basis: state.basis,
  };
  if (state.asOf) query.asOf = state.asOf;
  if (state.unitCode) query.unit = state.unitCode;
  if (state.group) query.group = state.group;
  if (state.stars.length) query.stars = [...state.stars].sort((a, b) => a - b).join(',');
  if (state.level) query.level = state.level;
  if (state.year != null) query.year = String(state.year);
  if (state.entityType) query.entityType = state.entityType;
  return query;
}

export function figuresStateFromQuery(query: QueryInput): FiguresState {
  const asOf = first(query.asOf);
  const year = first(query.year);
  return {
    measure: oneOf(first(query.measure), STATS_MEASURES) ?? DEFAULT_FIGURES_STATE.measure,
    groupBy: oneOf(first(query.groupBy), STATS_GROUP_BYS) ?? DEFAULT_FIGURES_STATE.groupBy,
    groupTaxonomy: oneOf(first(query.tax), TAXONOMIES) ?? DEFAULT_FIGURES_STATE.groupTaxonomy,
    basis: oneOf(first(query.basis), CERTIFIED_BASES) ?? DEFAULT_FIGURES_STATE.basis,
    asOf: isIsoDate(asOf) ? asOf : null,
    unitCode: code(first(query.unit)),
    group: code(first(query.group)),
    stars: parseStars(first(query.stars)),
    level: oneOf(first(query.level), EVALUATION_LEVELS),
    year: year && /^\d{4}$/.test(year) ? Number(year) : null,
    entityType: oneOf(first(query.entityType), ENTITY_TYPES),
  };
}

/** The stats query for a state; `asOf` must already be resolved. */
export function figuresStateToVariables(state: FiguresState, asOf: string): StatsVariables {
  const filter: StatsFilter = {};
  if (state.unitCode) filter.unitCode = state.unitCode;
  if (state.group) filter.group = state.group;
  if (state.stars.length) filter.stars = [...state.stars].sort((a, b) => a - b);
  if (state.level) filter.level = state.level;
  if (state.year != null) filter.year = state.year;
  if (state.entityType) filter.entityType = state.entityType;
  return {
    measure: state.measure,
    groupBy: state.groupBy,
    basis: state.basis,
    asOf,
    filter,
    groupTaxonomy: TAXONOMY_ENUM[state.groupTaxonomy],
  };
}

export function permalinkFor(
  origin: string,
  path: string,
  state: FiguresState,
  lang: string,
): string {
  const params = new URLSearchParams({ ...figuresStateToQuery(state), lang });
  return `${origin}${path}?${params.toString()}`;
}

function first(value: QueryValue): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && v !== '' ? v : null;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function code(value: string | null): string | null {
  return value !== null && CODE.test(value) ? value : null;
}

function parseStars(value: string | null): number[] {
  if (!value) return [];
  const stars = value
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((s) => Number.isInteger(s) && s >= 1 && s <= 5);
  return [...new Set(stars)].sort((a, b) => a - b);
}
