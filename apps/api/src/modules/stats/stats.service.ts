// Grouped counts for the stats API, aggregated in SQL (QueryBuilder + raw(): em.find cannot group).
// Every count says its basis: "ever certified" (a certificate issued on or before asOf) or "valid
// on asOf" (issued, not yet expired, revoked or superseded on asOf). Year-only records are dated
// 31 December, so they count only from the end of their year, and yearOnlyRecords says how many
// of them were used.
//
// Stars of products and entities: a product re-certified with another star (3★ in 2021, 4★ in
// 2022) has one certificate per star, so products (and entities) counted per certificate star
// would sit in two rows while `total` counts them once. When products or entities are grouped or
// filtered by stars, only each product's LATEST certificate counts: the last one issued on or
// before asOf that meets the basis (on 'valid_on_as_of', the one in force on asOf; superseded ones
// are already out, this also settles same-day certificates) and the level/year filters; ties on
// the issue day go to the later record. An entity is counted once, under the highest of those
// stars among its products (with a second key, the highest within each value of that key).
//
// A result has three parts, each one SQL statement, computed only when asked for (stats.graphql.ts):
// the rows (one GROUP BY over one or two keys), the totals, and the decisions counted.
import { raw, type EntityManager } from '@mikro-orm/core';
import type { Taxonomy } from '@ocop/domain';
import { canonicalJson } from '../../cache/canonical.js';
import { cachedFigure } from '../../cache/figure-cache.js';
import type { GraphQLContext } from '../../graphql/context.js';
import type { Decision } from '../decisions/decision.entity.js';
import type { Source } from '../sources/source.entity.js';
import { statsDefinition } from './stats-definition.js';
import { definitionOf, filterNames } from './stats-labels.js';
import { sqlEm } from '../shared/sql-em.js';
import {
  keysOf,
  normalizeStatsFilter,
  statsSql,
  type StatsFilter,
  type StatsGroupBy,
  type StatsQuery,
  type StatsRow,
} from './stats-query.js';
import { readRows } from '../plans/worker-reads.js';
import { fillZeroCells } from './stats-zeros.js';
import { followUnitLineage } from './stats-lineage.js';
import { validationFailed } from '../../graphql/errors.js';
import { requireUnitCode } from '../shared/known-codes.js';

export { normalizeStatsFilter };

export type {
  CertifiedBasis,
  StatsFilter,
  StatsGroupBy,
  StatsMeasure,
  StatsQuery,
  StatsRow,
} from './stats-query.js';

export interface StatsTotals {
  /** Distinct records counted (a product upgraded within the window counts once here). */
  total: number;
  /** Records dated only by year that the count used. */
  yearOnlyRecords: number;
}

export interface StatsCounts extends StatsTotals {
  rows: StatsRow[];
  /** Decision ids the count rests on (certificate-based measures). */
  decisionIds: number[];
}

type Grouped = { group_key: unknown; group_key2?: unknown; count: unknown };

const keyText = (value: unknown): string | null => (value === null ? null : String(value));

/** The rows: one GROUP BY over the query's one or two keys, largest first (zero cells on request). */
export async function statsRows(em: EntityManager, query: StatsQuery): Promise<StatsRow[]> {
  const sql = sqlEm(em);
  const { base, count, column } = statsSql(em, query);
  const keys = keysOf(query);
  const aliases = ['group_key', 'group_key2'];
  let grouped: Grouped[];
  if (query.measure === 'entities' && keys.includes('stars')) {
    // Each entity once (per value of the other key), under the highest star of its products'
    // latest certificates: per entity first, then counted per star.
    const other = keys.find((k) => k !== 'stars');
    const perEntity = base()
      .select([
        raw('e.id as entity_id'),
        raw('max(r.stars) as stars'),
        ...(other ? [raw(`${column(other)} as other_key`)] : []),
      ])
      .groupBy([raw('e.id'), ...(other ? [raw(column(other))] : [])])
      .as('x');
    const outer = keys.map((k) => (k === 'stars' ? 'x.stars' : 'x.other_key'));
    const knex = sql.getKnex();
    grouped = await readRows<Grouped>(
      em,
      knex
        .select(
          ...outer.map((c, i) => knex.raw(`${c} as ${aliases[i]}`)),
          knex.raw('count(distinct x.entity_id) as count'),
        )
        .from(perEntity)
        .groupBy(outer),
    );
  } else {
    grouped = await readRows<Grouped>(
      em,
      base()
        .select([
          ...keys.map((k, i) => raw(`${column(k)} as ${aliases[i]}`)),
          raw(`${count} as count`),
        ])
        .groupBy(keys.map((k) => raw(column(k))))
        .getKnexQuery(),
    );
  }
  let rows = grouped
    .map((r) => ({
      key: keyText(r.group_key),
      key2: query.thenBy ? keyText(r.group_key2 ?? null) : null,
      count: Number(r.count),
    }))
    .filter((r) => query.measure !== 'entities' || r.count > 0);
  if (query.followUnitLineage) rows = await followUnitLineage(em, query, rows);
  if (query.fillZeros) rows = await fillZeroCells(em, query, rows);
  return rows.sort(
    (a, b) =>
      b.count - a.count ||
      String(a.key).localeCompare(String(b.key)) ||
      String(a.key2).localeCompare(String(b.key2)),
  );
}

/** Distinct records counted overall and the year-only records among them (one statement). */
export async function statsTotals(em: EntityManager, query: StatsQuery): Promise<StatsTotals> {
  const { base, count, yearOnly } = statsSql(em, query);
  const [totals] = await readRows<{ total: unknown; year_only: unknown }>(
    em,
    base()
      .select([raw(`${count} as total`), raw(`${yearOnly} as year_only`)])
      .getKnexQuery(),
  );
  return { total: Number(totals?.total ?? 0), yearOnlyRecords: Number(totals?.year_only ?? 0) };
}

/** The decisions the counted certificates come from (none for evaluations). */
export async function statsDecisionIds(em: EntityManager, query: StatsQuery): Promise<number[]> {
  const { base, onEvaluations } = statsSql(em, query);
  if (onEvaluations) return [];
  const rows = await readRows<{ decision_id: unknown }>(
    em,
    base(true)
      .select([raw('distinct d.id as decision_id')])
      .getKnexQuery(),
  );
  return rows.map((d) => Number(d.decision_id)).sort((a, b) => a - b);
}

/** Every part at once (the reconciliation and the seed checks use all of them). */
export async function countBy(em: EntityManager, query: StatsQuery): Promise<StatsCounts> {
  const rows = await statsRows(em, query);
  const totals = await statsTotals(em, query);
  return { rows, ...totals, decisionIds: await statsDecisionIds(em, query) };
}

/** The arguments of a `stats` request, as the API receives them (null = not given). */
export interface StatsArgs {
  measure: StatsQuery['measure'];
  groupBy: StatsGroupBy;
  thenBy?: StatsGroupBy | null;
  basis?: StatsQuery['basis'] | null;
  asOf?: string | null;
  filter?: Partial<StatsFilter> | null;
  groupTaxonomy?: Taxonomy | null;
  fillZeros?: boolean | null;
  followUnitLineage?: boolean | null;
}

/**
 * The normalised query of a `stats` request (defaults applied, so asking with or without a default
 * gives one cache entry), after the checks: a known unit code, a second key other than the first.
 */
export async function checkedStatsQuery(
  em: EntityManager,
  args: StatsArgs,
  today: string,
): Promise<StatsQuery> {
  await requireUnitCode(em, args.filter?.unitCode, 'filter.unitCode');
  if (args.thenBy && args.thenBy === args.groupBy)
    throw validationFailed('thenBy', {
      en: 'thenBy must be another key than groupBy.',
      vi: 'thenBy phải là tiêu chí khác với groupBy.',
    });
  return {
    measure: args.measure,
    groupBy: args.groupBy,
    thenBy: args.thenBy ?? null,
    basis: args.basis ?? 'ever_certified',
    asOf: args.asOf ?? today,
    groupTaxonomy: args.groupTaxonomy ?? '1048',
    fillZeros: args.fillZeros ?? false,
    followUnitLineage: args.followUnitLineage ?? false,
    filter: normalizeStatsFilter(args.filter),
  };
}

// ---------------------------------------------------------------- the `stats` answer

/** A row as StatsRow shows it: with the query, for its labels. */
export interface StatsAnswerRow extends StatsRow {
  query: StatsQuery;
}

export interface StatsAnswer {
  /** The normalised query (defaults applied): the cache key of every part. */
  query: StatsQuery;
  definition: string;
  definitionVi: string;
  rows: StatsAnswerRow[];
}

/** One part of a result, once per request and through the figure cache. */
function statsPart<T>(
  ctx: GraphQLContext,
  part: string,
  query: StatsQuery,
  compute: () => Promise<T>,
): Promise<T> {
  return ctx.memo(`${part}:${canonicalJson(query)}`, () => cachedFigure(ctx, part, query, compute));
}

/**
 * The `stats` answer: the checked query, its rows and its definition. The key of every part is
 * the normalised query (defaults applied): asking with or without a default gives one entry.
 */
export async function statsAnswer(ctx: GraphQLContext, args: StatsArgs): Promise<StatsAnswer> {
  const query = await checkedStatsQuery(ctx.em, args, ctx.today);
  const rows = await statsPart(ctx, 'stats.rows', query, () => statsRows(ctx.em, query));
  return {
    query,
    rows: rows.map((r) => ({ ...r, query })),
    ...definitionOf(
      statsDefinition(
        { ...query, basis: query.basis ?? 'ever_certified', filter: query.filter ?? {} },
        await filterNames(ctx, query.filter ?? {}),
      ),
    ),
  };
}

/** The totals part, computed only when a client asks for it. */
export const statsTotalsOf = (ctx: GraphQLContext, query: StatsQuery) =>
  statsPart(ctx, 'stats.totals', query, () => statsTotals(ctx.em, query));

const decisionIdsOf = (ctx: GraphQLContext, query: StatsQuery) =>
  statsPart(ctx, 'stats.decisions', query, () => statsDecisionIds(ctx.em, query));

/** The decisions the count rests on, through the request's loader. */
export async function statsDecisionsOf(
  ctx: GraphQLContext,
  query: StatsQuery,
): Promise<Decision[]> {
  return (await ctx.loaders.decision.loadMany(await decisionIdsOf(ctx, query))).filter(
    (d): d is Decision => !!d && !(d instanceof Error),
  );
}

/** The sources of those decisions, without duplicates, by id. */
export async function statsSourcesOf(ctx: GraphQLContext, query: StatsQuery): Promise<Source[]> {
  const lists = await ctx.loaders.decisionSources.loadMany(await decisionIdsOf(ctx, query));
  const seen = new Map<number, Source>();
  for (const list of lists) if (Array.isArray(list)) for (const s of list) seen.set(s.id, s);
  return [...seen.values()].sort((a, b) => a.id - b.id);
}
