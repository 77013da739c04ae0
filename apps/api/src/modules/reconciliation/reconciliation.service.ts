// Reconciliation: a computed figure beside the province's published one, with the coverage that
// explains the difference (which rounds the database holds, which it lacks). The matching and the
// statement are domain rules (packages/domain/src/figures/reconciliation.ts); this file selects the
// facts they need.
import type { EntityManager } from '@mikro-orm/knex';
import {
  coverageStatement,
  pickPublishedFigure,
  publishedCount,
  publishedMetricsFor,
  roundOfBatch,
  roundOfMetric,
  unrecordedRounds,
  publishedFigureDate,
  type CouncilRound,
} from '@ocop/domain';
import { visibleSql } from '../../db/import-fence.js';
import { Decision } from '../decisions/decision.entity.js';
import { PublishedFigure } from '../sources/published-figure.entity.js';
import { countBy, type CertifiedBasis, type StatsMeasure } from '../stats/stats.service.js';

/** Published council results are stored under keys with this start (data/seed/published-totals.csv). */
export const COUNCIL_ROUND_PREFIX = 'ag_provincial_council_round';

export interface Reconciliation {
  measure: StatsMeasure;
  basis: CertifiedBasis;
  asOf: string;
  computed: number;
  published: PublishedFigure | null;
  /** The published value as a whole number; null when it is a range or a note. */
  publishedCount: number | null;
  /** published − computed; null without a whole published number. */
  difference: number | null;
  recordedRounds: CouncilRound[];
  unrecordedRounds: CouncilRound[];
  yearOnlyRecords: number;
  coverage: string;
  coverageVi: string;
}

/** Distinct provincial rounds of the decisions dated on or before `asOf`. */
export async function recordedRoundsOn(em: EntityManager, asOf: string): Promise<CouncilRound[]> {
  const rows = await em
    .createQueryBuilder(Decision, 'd')
    .select('d.batch')
    .distinct()
    .where({ issuingLevel: 'province', date: { $lte: asOf }, batch: { $ne: null } })
    // An unfinished import's decisions stay out (db/import-fence.ts; no ORM filter on a QB).
    .andWhere(visibleSql(em.getKnex(), 'd.id', 'decision'))
    .execute<{ batch: string }[]>();
  const seen = new Map<string, CouncilRound>();
  for (const row of rows) {
    const round = roundOfBatch(row.batch);
    if (round) seen.set(`${round.year}-${round.round}`, round);
  }
  return [...seen.values()].sort((a, b) => a.year - b.year || a.round - b.round);
}

export async function reconcile(
  em: EntityManager,
  query: { measure: StatsMeasure; basis: CertifiedBasis; asOf: string },
): Promise<Reconciliation> {
  const metrics = publishedMetricsFor(query.measure, query.basis);
  const [counts, figures, recorded] = await Promise.all([
    countBy(em, { measure: query.measure, groupBy: 'level', basis: query.basis, asOf: query.asOf }),
    em.find(
      PublishedFigure,
      {
        $or: [{ metric: { $in: [...metrics] } }, { metric: { $like: `${COUNCIL_ROUND_PREFIX}%` } }],
      },
      { orderBy: { sortOrder: 'asc', id: 'asc' }, populate: ['sources'] },
    ),
    recordedRoundsOn(em, query.asOf),
  ]);
  const toDomain = (f: PublishedFigure) => ({ ...f, date: f.date ?? null });
  const published = pickPublishedFigure(figures.map(toDomain), metrics, query.asOf);
  const publishedRounds = figures
    .filter((f) => (publishedFigureDate(toDomain(f)) ?? '9999') <= query.asOf)
    .flatMap((f) => roundOfMetric(f.metric) ?? []);
  const missing = unrecordedRounds(publishedRounds, recorded);
  const count = published ? publishedCount(published.value) : null;
  const statement = coverageStatement({
    measure: query.measure,
    asOf: query.asOf,
    computed: counts.total,
    published: published ? { count, value: published.value, dateLabel: published.dateLabel } : null,
    recordedRounds: recorded,
    unrecordedRounds: missing,
    yearOnlyRecords: counts.yearOnlyRecords,
  });
  return {
    ...query,
    computed: counts.total,
    published: published ? (figures.find((f) => f.id === published.id) ?? null) : null,
    publishedCount: count,
    difference: count == null ? null : count - counts.total,
    recordedRounds: recorded,
    unrecordedRounds: missing,
    yearOnlyRecords: counts.yearOnlyRecords,
    coverage: statement.en,
    coverageVi: statement.vi,
  };
}
