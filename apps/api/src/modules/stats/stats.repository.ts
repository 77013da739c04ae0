// Grouped counts for the stats API, aggregated in SQL (QueryBuilder + raw(), STACK gotcha 8).
// Every count says its basis: "ever certified" (a certificate issued on or before asOf) or "valid
// on asOf" (issued, not yet expired, revoked or superseded on asOf). Year-only records are dated
// 31 December, so they count only from the end of their year, and yearOnlyRecords says how many
// of them were used.
import { raw, type EntityManager } from '@mikro-orm/core';
import type { QueryBuilder } from '@mikro-orm/knex';
import { Certificate } from '../certificates/certificate.entity.js';
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

  const base = (): QueryBuilder<object> => {
    const qb = (onEvaluations ? sql.createQueryBuilder(Evaluation, 'r') : sql.createQueryBuilder(Certificate, 'r')) as unknown as QueryBuilder<object>;
    qb.join('r.product', 'p').leftJoin('p.entity', 'e').leftJoin('p.unit', 'u');
    if (onEvaluations) {
      qb.where({ date: { $lte: query.asOf } });
    } else {
      qb.join('r.decisionItem', 'di').join('di.decision', 'd');
      qb.where({ issuedOn: { $lte: query.asOf } });
      if (basis === 'valid_on_as_of') {
        qb.andWhere({ validUntil: { $gte: query.asOf } });
        qb.andWhere({ $or: [{ revokedOn: null }, { revokedOn: { $gt: query.asOf } }] });
        qb.andWhere({ $or: [{ supersededOn: null }, { supersededOn: { $gt: query.asOf } }] });
      }
    }
    if (filter.unitCode) qb.andWhere({ 'u.code': filter.unitCode });
    if (filter.group) qb.andWhere({ $or: [{ 'p.group1048': filter.group }, { 'p.group148': filter.group }] });
    if (filter.stars?.length) qb.andWhere({ 'r.stars': { $in: filter.stars } });
    if (filter.entityType) qb.andWhere({ 'e.type': filter.entityType });
    if (filter.level) qb.andWhere(onEvaluations ? { 'r.level': filter.level } : { 'd.issuingLevel': filter.level });
    if (filter.year) qb.andWhere(onEvaluations ? { 'r.year': filter.year } : { 'd.year': filter.year });
    return qb;
  };

  const counted = { products: 'p.id', entities: 'e.id', evaluations: 'r.id', certificates: 'r.id' }[query.measure];
  const keyColumn = {
    unit: 'u.code',
    group: query.groupTaxonomy === '148' ? 'p.group148' : 'p.group1048',
    stars: 'r.stars',
    level: onEvaluations ? 'r.level' : 'd.issuing_level',
    year: onEvaluations ? 'r.year' : 'd.year',
    entityType: 'e.type',
  }[query.groupBy];
  const precision = onEvaluations ? 'r.date_precision' : 'r.issued_precision';

  const grouped = (await base()
    .select([raw(`${keyColumn} as group_key`), raw(`count(distinct ${counted}) as count`)])
    .groupBy(raw(keyColumn) as never)
    .execute('all', false)) as { group_key: unknown; count: unknown }[];
  const [totals] = (await base()
    .select([raw(`count(distinct ${counted}) as total`), raw(`count(distinct case when ${precision} = 'year' then r.id end) as year_only`)])
    .execute('all', false)) as { total: unknown; year_only: unknown }[];
  const decisions = onEvaluations ? [] : ((await base().select([raw('distinct d.id as decision_id')]).execute('all', false)) as { decision_id: unknown }[]);

  const rows = grouped
    .map((r) => ({ key: r.group_key === null ? null : String(r.group_key), count: Number(r.count) }))
    .filter((r) => query.measure !== 'entities' || r.count > 0)
    .sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));
  return {
    rows,
    total: Number(totals?.total ?? 0),
    yearOnlyRecords: Number(totals?.year_only ?? 0),
    decisionIds: decisions.map((d) => Number(d.decision_id)).sort((a, b) => a - b),
  };
}
