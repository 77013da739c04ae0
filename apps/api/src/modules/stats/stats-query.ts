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
  /** The column counted distinctly (p.id, e.id or r.id). */
  counted: string;
  /** The SQL column of a key. */
  column: (key: StatsGroupBy) => string;
  /** The date precision column of the base rows. */
  precision: string;
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
  /**
   * "No later certificate of the same product meets the basis and the decision filters". On
   * PostgreSQL a correlated NOT EXISTS (a hash anti-join); on SQLite the latest qualifying
   * certificate of each product picked by row_number() over them all, since SQLite ran the
   * NOT EXISTS as index searches per certificate: stats unit × stars at 100,000 products took
   * 2.2–3.5 s that way and 0.43–0.47 s this way (sqlite3 3.40, the same 35 rows). On PostgreSQL
   * the window took 350–380 ms against 295 for the anti-join. stats-two-keys.test.ts compares the
   * dialects' answers.
   */
  const latestCertificate = (): [string, unknown[]] => {
    const postgres = isPostgres(sql.getKnex());
    // Its decision only for the filters that name it (the keys are the row's own, r's).
    const laterDecision = !postgres || !!filter.level || !!filter.year;
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
    const from = laterDecision
      ? 'certificate c2 join decision_item di2 on di2.id = c2.decision_item_id join decision d2 on d2.id = di2.decision_id'
      : 'certificate c2';
    if (!postgres) {
      const ranked =
        'select c2.id, row_number() over (partition by c2.product_id ' +
        `order by c2.issued_on desc, c2.id desc) as rn from ${from} where ${conditions.join(' and ')}`;
      return [`r.id in (select w.id from (${ranked}) w where w.rn = 1)`, params];
    }
    conditions.push(
      'c2.product_id = r.product_id',
      '(c2.issued_on > r.issued_on or (c2.issued_on = r.issued_on and c2.id > r.id))',
    );
    return [`not exists (select 1 from ${from} where ${conditions.join(' and ')})`, params];
  };

  const base = (withDecision = usesDecision): QueryBuilder<object, 'r'> => {
    // By entity name: the two schemas' types differ, and the query only uses SQL column names.
    const qb = sql.createQueryBuilder<object, 'r'>(
      (onEvaluations ? Evaluation : Certificate).meta.className,
      'r',
    );
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
    if (latestOnly) qb.andWhere(...latestCertificate());
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
  return {
    base,
    counted: { products: 'p.id', entities: 'e.id', evaluations: 'r.id', certificates: 'r.id' }[
      query.measure
    ],
    column: (key) => columns[key],
    precision: onEvaluations ? 'r.date_precision' : 'r.issued_precision',
    onEvaluations,
  };
}
