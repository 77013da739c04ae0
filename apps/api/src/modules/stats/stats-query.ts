// The stats query: what it counts and how it groups, and the SQL every part of a result starts
// from (stats.service.ts): the base rows (certificates or evaluations with their product,
// entity, unit and decision) filtered by asOf, basis and the filters, and the column of each key.
// Stars of products and entities: only each product's latest certificate counts (see the note at
// the top of stats.service.ts).
import { raw, type EntityManager } from '@mikro-orm/core';
import type { QueryBuilder } from '@mikro-orm/knex';
import type { Taxonomy } from '@ocop/domain';
import { visibleSql, type FencedTable } from '../../db/import-fence.js';
import { isPostgres } from '../imports/sql-batch.js';
import { Certificate } from '../certificates/certificate.entity.js';
import { inForceSql } from '../certificates/certificate.service.js';
import type { EntityType } from '../entities/economic-entity.entity.js';
import { Evaluation, type EvaluationLevel } from '../evaluations/evaluation.entity.js';
import { sqlEm } from '../shared/sql-em.js';

export type StatsMeasure = 'products' | 'entities' | 'evaluations' | 'certificates';
export type StatsGroupBy = 'unit' | 'group' | 'stars' | 'level' | 'year' | 'entityType';
export type CertifiedBasis = 'ever_certified' | 'valid_on_as_of';

export interface StatsFilter {
  unitCode?: string | null;
  /** A product group code, matched in the 1048 or the 148 taxonomy. */
  group?: string | null;
  stars?: number[] | null;
  level?: EvaluationLevel | null;
  year?: number | null;
  entityType?: EntityType | null;
}

/** A filter as the API receives it (absent and null alike) in the repository's form. */
export function normalizeStatsFilter(input: Partial<StatsFilter> | null | undefined): StatsFilter {
  return {
    unitCode: input?.unitCode ?? null,
    group: input?.group ?? null,
    stars: input?.stars ?? null,
    level: input?.level ?? null,
    year: input?.year ?? null,
    entityType: input?.entityType ?? null,
  };
}

export interface StatsQuery {
  measure: StatsMeasure;
  groupBy: StatsGroupBy;
  /** A second key: rows per (groupBy, thenBy) pair, in the same SQL GROUP BY. */
  thenBy?: StatsGroupBy | null;
  basis?: CertifiedBasis;
  asOf: string;
  filter?: StatsFilter;
  /** Taxonomy of the 'group' key (default 1048, the rules of 2019–2023). */
  groupTaxonomy?: Taxonomy;
  /** Add a row with count 0 for every combination of key values that has none. */
  fillZeros?: boolean;
  /** Count the rows of a unit that had ended before asOf under its successor in force then. */
  followUnitLineage?: boolean;
}

export interface StatsRow {
  /** Null = the source does not give it (e.g. products without a district). */
  key: string | null;
  /** The thenBy key; null without thenBy or when the source does not give it. */
  key2: string | null;
  count: number;
}

/** The keys of a query, first and (if any) second. */
export function keysOf(query: StatsQuery): StatsGroupBy[] {
  return query.thenBy ? [query.groupBy, query.thenBy] : [query.groupBy];
}

export interface StatsSql {
  /**
   * A fresh query builder over the filtered base rows (r = certificate or evaluation). Certificates
   * are joined to their decision item (di) and decision (d) when the query needs them (a level or
   * year key or filter, SQLite's import fence) or `withDecision` asks.
   */
  base: (withDecision?: boolean) => QueryBuilder<object, 'r'>;
  /** The count of a group of base rows: distinct products, entities or records. */
  count: string;
  /** The year-only records among a group's rows. */
  yearOnly: string;
  /** The SQL column of a key. */
  column: (key: StatsGroupBy) => string;
  onEvaluations: boolean;
}

export function statsSql(em: EntityManager, query: StatsQuery): StatsSql {
  const sql = sqlEm(em);
  const basis = query.basis ?? 'ever_certified';
  const filter = query.filter ?? {};
  const onEvaluations = query.measure === 'evaluations';
  // SQLite: an unfinished import's rows stay out (db/import-fence.ts; the QueryBuilder applies
  // no ORM filter); `true` on PostgreSQL.
  const visible = (column: string, table: FencedTable) => visibleSql(sql.getKnex(), column, table);

  // A certificate's decision item and decision are only read for a level or year (key or filter)
  // or, on SQLite, to leave out an unfinished import's rows: their ids are NOT NULL foreign keys,
  // so the joins filter nothing else. Without them, stats unit × stars at 100,000 products on
  // PostgreSQL ran in about 295 ms instead of 455 (EXPLAIN ANALYZE, two runs each).
  const usesDecision =
    !isPostgres(sql.getKnex()) ||
    !!filter.level ||
    !!filter.year ||
    keysOf(query).some((key) => key === 'level' || key === 'year');

  // Products and entities by stars: only each product's latest certificate counts.
  const latestOnly =
    (query.measure === 'products' || query.measure === 'entities') &&
    (keysOf(query).includes('stars') || !!filter.stars?.length);
  const postgres = isPostgres(sql.getKnex());
  // The certificates a product's latest is picked among: those meeting the basis and the decision
  // filters (their decision joined only for the filters that name it on PostgreSQL).
  const laterDecision = !postgres || !!filter.level || !!filter.year;
  const qualifying = (): { conditions: string[]; params: unknown[] } => {
    const conditions = [
      'c2.issued_on <= ?',
      visible('c2.id', 'certificate'),
      ...(laterDecision ? [visible('di2.id', 'decision_item'), visible('d2.id', 'decision')] : []),
    ];
    const params: unknown[] = [query.asOf];
    if (basis === 'valid_on_as_of') {
      const [inForce, inForceParams] = inForceSql('c2', query.asOf);
      conditions.push(inForce);
      params.push(...inForceParams);
    }
    if (filter.level) {
      conditions.push('d2.issuing_level = ?');
      params.push(filter.level);
    }
    if (filter.year) {
      conditions.push('d2.year = ?');
      params.push(filter.year);
    }
    return { conditions, params };
  };
  /**
   * Each product's latest qualifying certificate (the later issue day, then the higher id). On
   * PostgreSQL the base rows are read from a DISTINCT ON over them (latestOnPostgres); on SQLite,
   * which has no DISTINCT ON, the certificates are filtered to those ranked first by row_number():
   * the correlated NOT EXISTS ran there as index searches per certificate (stats unit × stars at
   * 100,000 products: 2.2–3.5 s that way, 0.43–0.47 s this way; sqlite3 3.40, the same 35 rows).
   * stats-two-keys.test.ts compares the dialects' answers.
   */
  const latestOnSqlite = (): [string, unknown[]] => {
    // Its decision always (laterDecision): the import fence's conditions name it.
    const { conditions, params } = qualifying();
    const ranked =
      'select c2.id, row_number() over (partition by c2.product_id ' +
      'order by c2.issued_on desc, c2.id desc) as rn from certificate c2 join decision_item di2 ' +
      'on di2.id = c2.decision_item_id join decision d2 on d2.id = di2.decision_id ' +
      `where ${conditions.join(' and ')}`;
    return [`r.id in (select w.id from (${ranked}) w where w.rn = 1)`, params];
  };
  /**
   * PostgreSQL: one sort of the qualifying certificates by product, issue day and id, each
   * product's first kept (DISTINCT ON), as the FROM of the base rows. Stats unit × stars at
   * 100,000 products (psql \timing, interleaved runs): 93–105 ms this way, 176–197 ms with a
   * correlated NOT EXISTS (a hash anti-join of the certificates with themselves) and
   * count(distinct p.id), 334–344 ms as `r.id in (…)` over the same DISTINCT ON (a nested loop of
   * index searches). An earlier measurement had a row_number() window 1.2–1.3× slower than the NOT
   * EXISTS. docs/benchmark-history.md (thirteenth session) has every form's figures.
   */
  const latestOnPostgres = (): QueryBuilder<object, 'c2'> => {
    const { conditions, params } = qualifying();
    const latest = sql
      .createQueryBuilder<Certificate, 'c2'>(Certificate, 'c2')
      .select('*')
      .distinctOn('c2.product');
    if (laterDecision) latest.join('c2.decisionItem', 'di2').join('di2.decision', 'd2');
    return latest
      .where(conditions.join(' and '), params)
      .orderBy([{ product: 'asc' }, { issuedOn: 'desc' }, { id: 'desc' }]) as never;
  };

  const base = (withDecision = usesDecision): QueryBuilder<object, 'r'> => {
    // By entity name: the two schemas' types differ, and the query only uses SQL column names.
    const qb = sql.createQueryBuilder<object, 'r'>(
      (onEvaluations ? Evaluation : Certificate).meta.className,
      'r',
    );
    if (latestOnly && postgres) qb.from(latestOnPostgres() as never, 'r');
    // A product's entity left out by the fence is joined as none (its condition in the join).
    const entityVisible = { [raw(visible('e.id', 'economic_entity'))]: [] };
    qb.join('r.product', 'p').leftJoin('p.entity', 'e', entityVisible).leftJoin('p.unit', 'u');
    if (onEvaluations) {
      qb.where({ date: { $lte: query.asOf } });
      qb.andWhere(visible('r.id', 'evaluation'));
    } else {
      qb.where({ issuedOn: { $lte: query.asOf } });
      qb.andWhere(visible('r.id', 'certificate'));
      if (withDecision) {
        qb.join('r.decisionItem', 'di').join('di.decision', 'd');
        qb.andWhere(visible('di.id', 'decision_item'));
        qb.andWhere(visible('d.id', 'decision'));
      }
      if (basis === 'valid_on_as_of') qb.andWhere(...inForceSql('r', query.asOf));
    }
    qb.andWhere(visible('p.id', 'product'));
    if (latestOnly && !postgres) qb.andWhere(...latestOnSqlite());
    if (filter.unitCode) qb.andWhere({ 'u.code': filter.unitCode });
    if (filter.group)
      qb.andWhere({ $or: [{ 'p.group1048': filter.group }, { 'p.group148': filter.group }] });
    if (filter.stars?.length) qb.andWhere({ 'r.stars': { $in: filter.stars } });
    if (filter.entityType) qb.andWhere({ 'e.type': filter.entityType });
    if (filter.level)
      qb.andWhere(onEvaluations ? { 'r.level': filter.level } : { 'd.issuingLevel': filter.level });
    if (filter.year)
      qb.andWhere(onEvaluations ? { 'r.year': filter.year } : { 'd.year': filter.year });
    return qb;
  };

  const columns: Record<StatsGroupBy, string> = {
    unit: 'u.code',
    group: query.groupTaxonomy === '148' ? 'p.group148' : 'p.group1048',
    stars: 'r.stars',
    level: onEvaluations ? 'r.level' : 'd.issuing_level',
    year: onEvaluations ? 'r.year' : 'd.year',
    entityType: 'e.type',
  };
  const counted = { products: 'p.id', entities: 'e.id', evaluations: 'r.id', certificates: 'r.id' }[
    query.measure
  ];
  const precision = onEvaluations ? 'r.date_precision' : 'r.issued_precision';
  // Every join of the base rows is many-to-one (r to p, p to e and u, r to di to d), so each row
  // is a record of its own: a count of r.id needs no DISTINCT, nor one of p.id when only each
  // product's latest certificate is kept (one per product: ties go to the higher id). Without
  // DISTINCT, PostgreSQL groups by hashing instead of sorting every row (at 100,000 products that
  // sort of 89,000 rows spilled to disk). Entities keep it (several products each, and a product
  // without one is not counted). stats.test.ts counts a product holding two certificates.
  const uniquePerRow = counted === 'r.id' || (counted === 'p.id' && latestOnly);
  return {
    base,
    count: uniquePerRow ? 'count(*)' : `count(distinct ${counted})`,
    yearOnly: `count(case when ${precision} = 'year' then 1 end)`,
    column: (key) => columns[key],
    onEvaluations,
  };
}
