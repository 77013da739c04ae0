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
// stars among its products. Other groupings (unit, group, level, year, ...) are unchanged.
import { raw, type EntityManager } from '@mikro-orm/core';
import type { QueryBuilder } from '@mikro-orm/knex';
import { Certificate } from '../certificates/certificate.entity.js';
import { inForceSql } from '../certificates/certificate.service.js';
import type { EntityType } from '../entities/economic-entity.entity.js';
import { Evaluation, type EvaluationLevel } from '../evaluations/evaluation.entity.js';
import { sqlEm } from '../plans/plan.repository.js';

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
  basis?: CertifiedBasis;
  asOf: string;
  filter?: StatsFilter;
  /** Taxonomy of the 'group' key (default 1048, the rules of 2019–2023). */
  groupTaxonomy?: '1048' | '148';
}

export interface StatsRow {
  /** Null = the source does not give it (e.g. products without a district). */
  key: string | null;
  count: number;
}

export interface StatsCounts {
  rows: StatsRow[];
  /** Distinct records counted (a product upgraded within the window counts once here). */
  total: number;
  /** Records dated only by year that the count used. */
  yearOnlyRecords: number;
  /** Decision ids the count rests on (certificate-based measures). */
  decisionIds: number[];
}

/** Counts products, entities, evaluations or certificates as of a date, grouped by one key. */
export async function countBy(em: EntityManager, query: StatsQuery): Promise<StatsCounts> {
  const sql = sqlEm(em);
  const basis = query.basis ?? 'ever_certified';
  const filter = query.filter ?? {};
  const onEvaluations = query.measure === 'evaluations';

  // Products and entities by stars: only each product's latest certificate counts (see above).
  const latestOnly =
    (query.measure === 'products' || query.measure === 'entities') &&
    (query.groupBy === 'stars' || !!filter.stars?.length);
  /** "No later certificate of the same product meets the basis and the decision filters" (correlated, both dialects). */
  const latestCertificate = (): [string, unknown[]] => {
    const conditions = ['c2.product_id = r.product_id', 'c2.issued_on <= ?'];
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
    conditions.push(
      '(c2.issued_on > r.issued_on or (c2.issued_on = r.issued_on and c2.id > r.id))',
    );
    const later = `select 1 from certificate c2 join decision_item di2 on di2.id = c2.decision_item_id join decision d2 on d2.id = di2.decision_id where ${conditions.join(' and ')}`;
    return [`not exists (${later})`, params];
  };

  const base = (): QueryBuilder<object> => {
    const qb = (onEvaluations
      ? sql.createQueryBuilder(Evaluation, 'r')
      : sql.createQueryBuilder(Certificate, 'r')) as unknown as QueryBuilder<object>;
    qb.join('r.product', 'p').leftJoin('p.entity', 'e').leftJoin('p.unit', 'u');
    if (onEvaluations) {
      qb.where({ date: { $lte: query.asOf } });
    } else {
      qb.join('r.decisionItem', 'di').join('di.decision', 'd');
      qb.where({ issuedOn: { $lte: query.asOf } });
      if (basis === 'valid_on_as_of') qb.andWhere(...inForceSql('r', query.asOf));
    }
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

  const counted = { products: 'p.id', entities: 'e.id', evaluations: 'r.id', certificates: 'r.id' }[
    query.measure
  ];
  const keyColumn = {
    unit: 'u.code',
    group: query.groupTaxonomy === '148' ? 'p.group148' : 'p.group1048',
    stars: 'r.stars',
    level: onEvaluations ? 'r.level' : 'd.issuing_level',
    year: onEvaluations ? 'r.year' : 'd.year',
    entityType: 'e.type',
  }[query.groupBy];
  const precision = onEvaluations ? 'r.date_precision' : 'r.issued_precision';

  let grouped: { group_key: unknown; count: unknown }[];
  if (query.measure === 'entities' && query.groupBy === 'stars') {
    // Each entity once, under the highest star among its products' latest certificates.
    const perEntity = base()
      .select([raw('e.id as entity_id'), raw('max(r.stars) as stars')])
      .groupBy(raw('e.id') as never)
      .as('x');
    const knex = sql.getKnex();
    grouped = (await knex
      .select(knex.raw('x.stars as group_key'), knex.raw('count(distinct x.entity_id) as count'))
      .from(perEntity)
      .groupBy('x.stars')) as { group_key: unknown; count: unknown }[];
  } else {
    grouped = (await base()
      .select([raw(`${keyColumn} as group_key`), raw(`count(distinct ${counted}) as count`)])
      .groupBy(raw(keyColumn) as never)
      .execute('all', false)) as { group_key: unknown; count: unknown }[];
  }
  const [totals] = (await base()
    .select([
      raw(`count(distinct ${counted}) as total`),
      raw(`count(distinct case when ${precision} = 'year' then r.id end) as year_only`),
    ])
    .execute('all', false)) as { total: unknown; year_only: unknown }[];
  const decisions = onEvaluations
    ? []
    : ((await base()
        .select([raw('distinct d.id as decision_id')])
        .execute('all', false)) as { decision_id: unknown }[]);

  const rows = grouped
    .map((r) => ({
      key: r.group_key === null ? null : String(r.group_key),
      count: Number(r.count),
    }))
    .filter((r) => query.measure !== 'entities' || r.count > 0)
    .sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));
  return {
    rows,
    total: Number(totals?.total ?? 0),
    yearOnlyRecords: Number(totals?.year_only ?? 0),
    decisionIds: decisions.map((d) => Number(d.decision_id)).sort((a, b) => a - b),
  };
}
