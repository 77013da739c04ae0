// Published figures: reads of the figures the province or the press published, verbatim, and
// recordCouncilRound (a council round's published counts).
import { raw, type EntityManager } from '@mikro-orm/knex';
import type { EntityManager as WriteEntityManager } from '@mikro-orm/core';
import { councilRoundMetrics } from '@ocop/domain';
import { duplicate, validationFailed } from '../../graphql/errors.js';
import type { WriteOutcome } from '../audit/run-write.js';
import { checkProgrammeDate, requireText } from '../shared/input-checks.js';
import { PublishedFigure } from './published-figure.entity.js';
import { Source } from './source.entity.js';

/**
 * Figures whose metric key starts with `metricPrefix` (all when empty), in published order.
 * The prefix is compared as a literal string, not a LIKE pattern: metric keys contain "_",
 * which LIKE would read as "any character".
 */
export function listPublishedFigures(
  em: EntityManager,
  metricPrefix?: string | null,
): Promise<PublishedFigure[]> {
  const where = metricPrefix
    ? { [raw((alias) => `substr(${alias}.metric, 1, ${metricPrefix.length})`)]: metricPrefix }
    : {};
  return em.find(PublishedFigure, where, {
    orderBy: { sortOrder: 'asc', id: 'asc' },
    populate: ['sources'],
  });
}

/** A provincial council round's published counts, as the secretariat records them. */
export interface CouncilRoundInputData {
  year: number;
  round: number;
  /** Day of the council's count (figures count the round from then). */
  date: string;
  evaluated: number;
  passed: number;
  sourceUrl: string;
}

const wholeNumber = (field: string, value: number, min: number, max: number) => {
  if (!Number.isInteger(value) || value < min || value > max)
    throw validationFailed(field, {
      en: `${field} must be a whole number from ${min} to ${max}.`,
      vi: `${field} phải là số nguyên từ ${min} đến ${max}.`,
    });
  return value;
};

/**
 * recordCouncilRound: a council round known only by its published counts (how many products it
 * evaluated, how many passed) is stored as the two published figures the plan's pass-rate metric
 * reads (councilRoundMetrics in the domain), with its source. Counts already stored must agree
 * (the same counts again return them); another count for a stored one is a DUPLICATE on `round`.
 */
export async function recordCouncilRound(
  tx: WriteEntityManager,
  input: CouncilRoundInputData,
  today: string,
): Promise<WriteOutcome<PublishedFigure[]>> {
  const year = wholeNumber('year', input.year, 2019, Number(today.slice(0, 4)));
  const round = wholeNumber('round', input.round, 1, 12);
  checkProgrammeDate('date', input.date, today);
  // A round of year Y is counted in Y or, for the last round, early in Y + 1.
  if (input.date < `${year}-01-01` || input.date > `${year + 1}-03-31`)
    throw validationFailed('date', {
      en: `A round of ${year} is counted between 1/1/${year} and 31/3/${year + 1}.`,
      vi: `Đợt đánh giá năm ${year} phải có ngày từ 1/1/${year} đến 31/3/${year + 1}.`,
    });
  const evaluated = wholeNumber('evaluated', input.evaluated, 1, 100_000);
  const passed = wholeNumber('passed', input.passed, 0, evaluated);
  const sourceUrl = requireText('sourceUrl', input.sourceUrl, 1000);
  if (!/^https?:\/\/\S+$/.test(sourceUrl))
    throw validationFailed('sourceUrl', {
      en: `"${sourceUrl}" is not an http(s) URL.`,
      vi: `"${sourceUrl}" không phải là địa chỉ http(s).`,
    });

  const metrics = councilRoundMetrics(round, year);
  const wanted = [
    { metric: metrics.evaluated, value: String(evaluated) },
    { metric: metrics.passed, value: String(passed) },
  ];
  const stored = await tx.find(
    PublishedFigure,
    { metric: { $in: wanted.map((w) => w.metric) } },
    { orderBy: { id: 'asc' }, populate: ['sources'] },
  );
  // The province may have published one count already (the seed has round 2/2021's "passed"):
  // a count already stored must agree; the missing ones are added.
  const clash = stored.find((f) =>
    wanted.some((w) => w.metric === f.metric && w.value !== f.value),
  );
  if (clash)
    throw duplicate(
      'PublishedFigure',
      'round',
      {
        en: `Round ${round}/${year} is already recorded with ${clash.metric} = ${clash.value}.`,
        vi: `Đợt ${round}/${year} đã được ghi nhận với ${clash.metric} = ${clash.value}.`,
      },
      clash.id,
    );
  const missing = wanted.filter((w) => !stored.some((f) => f.metric === w.metric));
  const inOrder = (created: PublishedFigure[]) =>
    wanted.map((w) => [...stored, ...created].find((f) => f.metric === w.metric)!);
  if (!missing.length)
    return { result: inOrder([]), written: false, audit: () => ({ recordId: stored[0]!.id }) };
  const source =
    (await tx.findOne(Source, { url: sourceUrl })) ?? tx.create(Source, { url: sourceUrl });
  const last = await tx.findOne(
    PublishedFigure,
    { id: { $gt: 0 } },
    { orderBy: { sortOrder: 'desc' } },
  );
  const figures = missing.map((w, i) => {
    const figure = tx.create(PublishedFigure, {
      dateLabel: input.date,
      date: input.date,
      datePrecision: 'day',
      metric: w.metric,
      value: w.value,
      valueMin: Number(w.value),
      valueMax: Number(w.value),
      sortOrder: (last?.sortOrder ?? 0) + i + 1,
    });
    figure.sources.add(source);
    return figure;
  });
  return {
    result: inOrder(figures),
    audit: () => ({
      recordId: figures[0]!.id,
      after: { year, round, date: input.date, evaluated, passed, sourceUrl },
    }),
  };
}
