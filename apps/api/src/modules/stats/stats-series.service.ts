// Time series of the stats measures: one point per calendar interval (month, quarter, year),
// zeros included, counted in SQL in ONE statement — the intervals are a VALUES table joined to
// the records and grouped by interval. Same measures, filters and basis as `stats`:
//   per interval   records dated inside the interval (products/entities: distinct, with a
//                  certificate issued in it; on VALID_ON_AS_OF only those still in force at its end)
//   cumulative     records dated on or before the interval's end (ever certified), or in force
//                  on that day (VALID_ON_AS_OF), each product or entity once per point.
// Year-only records are dated 31 December (so they fall in December, Q4) and counted per point.
import type { EntityManager } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { intervalBuckets, type IntervalBucket, type SeriesInterval } from '@ocop/domain';
import type { GraphQLContext } from '../../graphql/context.js';
import { visibleSql, type FencedTable } from '../../db/import-fence.js';
import { inForceSql } from '../certificates/certificate.service.js';
import { requireUnitCode } from '../shared/known-codes.js';
import { sqlEm } from '../shared/sql-em.js';
import type { FilterNames } from './stats-definition.js';
import { filterNames } from './stats-labels.js';
import {
  normalizeStatsFilter,
  type CertifiedBasis,
  type StatsFilter,
  type StatsMeasure,
} from './stats.service.js';

export interface SeriesQuery {
  measure: StatsMeasure;
  interval: SeriesInterval;
  from: string;
  to: string;
  cumulative: boolean;
  basis: CertifiedBasis;
  filter: StatsFilter;
}

export interface SeriesPoint extends IntervalBucket {
  count: number;
  yearOnlyRecords: number;
}

/** The arguments of a `statsSeries` request, as the API receives them (null = not given). */
export interface SeriesArgs {
  measure: StatsMeasure;
  interval: SeriesInterval;
  from: string;
  to?: string | null;
  cumulative?: boolean | null;
  basis?: CertifiedBasis | null;
  filter?: Partial<StatsFilter> | null;
}

/** A series as the API answers it: the normalised query, the filter's names and the points. */
export interface StatsSeries extends SeriesQuery {
  names: FilterNames;
  points: SeriesPoint[];
}

/** The `statsSeries` answer: checks the unit code, applies the defaults, counts in one statement. */
export async function statsSeries(ctx: GraphQLContext, args: SeriesArgs): Promise<StatsSeries> {
  await requireUnitCode(ctx.em, args.filter?.unitCode, 'filter.unitCode');
  const query: SeriesQuery = {
    measure: args.measure,
    interval: args.interval,
    from: args.from,
    to: args.to ?? ctx.today,
    cumulative: args.cumulative ?? false,
    basis: args.basis ?? 'ever_certified',
    filter: normalizeStatsFilter(args.filter),
  };
  const points = await countSeries(ctx.em, query);
  return { ...query, names: await filterNames(ctx, query.filter), points };
}

export async function countSeries(em: EntityManager, query: SeriesQuery): Promise<SeriesPoint[]> {
  const buckets = intervalBuckets(query.from, query.to, query.interval);
  const sql = sqlEm(em);
  // PostgreSQL types untyped VALUES as text; SQLite stores dates as ISO text already.
  const day = em.getPlatform() instanceof PostgreSqlPlatform ? 'cast(? as date)' : '?';
  const params: (string | number)[] = [];
  const values = buckets
    .map((b) => {
      params.push(b.label, b.start, b.end);
      return `(?, ${day}, ${day})`;
    })
    .join(', ');

  const onEvaluations = query.measure === 'evaluations';
  const dateColumn = onEvaluations ? 'r.date' : 'r.issued_on';
  const precision = onEvaluations ? 'r.date_precision' : 'r.issued_precision';
  const counted = {
    products: 'p.id',
    entities: 'e.id',
    evaluations: 'r.id',
    certificates: 'r.id',
  }[query.measure];

  // SQLite: an unfinished import's rows stay out (db/import-fence.ts); `true` on PostgreSQL.
  const visible = (column: string, table: FencedTable) => visibleSql(sql.getKnex(), column, table);
  const joins = [
    onEvaluations
      ? `join evaluation r on ${dateColumn} <= b.end_day`
      : `join certificate r on ${dateColumn} <= b.end_day`,
    'join product p on p.id = r.product_id',
    `left join economic_entity e on e.id = p.entity_id and ${visible('e.id', 'economic_entity')}`,
    'left join admin_unit u on u.id = p.unit_id',
    ...(onEvaluations
      ? []
      : [
          'join decision_item di on di.id = r.decision_item_id',
          'join decision d on d.id = di.decision_id',
        ]),
  ];
  const where: string[] = [
    visible('r.id', onEvaluations ? 'evaluation' : 'certificate'),
    visible('p.id', 'product'),
    ...(onEvaluations ? [] : [visible('di.id', 'decision_item'), visible('d.id', 'decision')]),
  ];
  const whereParams: (string | number)[] = [];
  if (!query.cumulative) where.push(`${dateColumn} >= b.start_day`);
  if (!onEvaluations && query.basis === 'valid_on_as_of')
    where.push(inForceSql('r', { column: 'b.end_day' })[0]);
  const { filter } = query;
  if (filter.unitCode) {
    where.push('u.code = ?');
    whereParams.push(filter.unitCode);
  }
  if (filter.group) {
    where.push('(p.group1048 = ? or p.group148 = ?)');
    whereParams.push(filter.group, filter.group);
  }
  if (filter.stars?.length) {
    where.push(`r.stars in (${filter.stars.map(() => '?').join(', ')})`);
    whereParams.push(...filter.stars);
  }
  if (filter.entityType) {
    where.push('e.type = ?');
    whereParams.push(filter.entityType);
  }
  if (filter.level) {
    where.push(onEvaluations ? 'r.level = ?' : 'd.issuing_level = ?');
    whereParams.push(filter.level);
  }
  if (filter.year) {
    where.push(onEvaluations ? 'r.year = ?' : 'd.year = ?');
    whereParams.push(filter.year);
  }

  const statement = [
    `with b (label, start_day, end_day) as (values ${values})`,
    `select b.label as label, count(distinct ${counted}) as count,`,
    `count(distinct case when ${precision} = 'year' then r.id end) as year_only`,
    'from b',
    ...joins,
    `where ${where.join(' and ')}`,
    'group by b.label',
  ].join(' ');
  const rows = (await sql.getKnex().raw(statement, [...params, ...whereParams])) as unknown;
  // knex returns an array on libsql and { rows } on PostgreSQL.
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
    label: string;
    count: unknown;
    year_only: unknown;
  }[];
  const byLabel = new Map(list.map((r) => [String(r.label), r]));
  return buckets.map((b) => {
    const row = byLabel.get(b.label);
    return {
      ...b,
      count: Number(row?.count ?? 0),
      yearOnlyRecords: Number(row?.year_only ?? 0),
    };
  });
}
