// The coverage line of a KPI card: which published council rounds a target's figure could rest on,
// which of them the database holds, and how many published recognitions are missing from it. A
// journalist reads "round 2/2021 (11 products passed) is published but not recorded here" instead
// of a bare number that looks like the whole truth.
import type { IsoDate } from '../dates.js';
import type { MetricName } from '../plan/metrics.js';
import {
  publishedFigureDate,
  roundOfMetric,
  type CouncilRound,
  type PublishedFigureLike,
} from './reconciliation.js';

/**
 * Where a metric's facts come from: provincial council rounds (the province publishes their
 * results), national evaluations (no published round counts to compare), or activity records
 * (nothing published at all).
 */
export type CoverageSource = 'provincial_rounds' | 'national_results' | 'activities';

const METRIC_SOURCES: Readonly<Record<MetricName, CoverageSource>> = {
  products_first_certified: 'provincial_rounds',
  entities_participating_per_unit: 'provincial_rounds',
  entities_with_provincial_product: 'provincial_rounds',
  provincial_pass_rate: 'provincial_rounds',
  upgrades_of_previous_year: 'provincial_rounds',
  products_certified_3star: 'provincial_rounds',
  products_certified_4star: 'provincial_rounds',
  products_certified_cumulative: 'provincial_rounds',
  entities_cooperative_share: 'provincial_rounds',
  entities_enterprise_share: 'provincial_rounds',
  products_upgraded_share: 'provincial_rounds',
  products_provincial_evaluation_per_unit: 'provincial_rounds',
  products_national_evaluation: 'national_results',
  products_certified_5star: 'national_results',
  five_star_products_cumulative: 'national_results',
  entities_with_capacity_activity: 'activities',
  previous_year_4star_standardised: 'activities',
  products_with_support_activity: 'activities',
};

/** Metrics counting since the programme's start: every earlier round matters, not only the period's. */
const CUMULATIVE: ReadonlySet<MetricName> = new Set([
  'products_certified_cumulative',
  'five_star_products_cumulative',
]);

export function coverageSourceOf(metric: MetricName): CoverageSource {
  return METRIC_SOURCES[metric];
}

/** A provincial council round as the province published it. */
export interface PublishedRound extends CouncilRound {
  /** The day its figures speak for (a year-only label: 31 December). */
  date: IsoDate;
  /** Products that passed, when published as a whole number. */
  passed: number | null;
}

const PASSED = /_products_passed$/;
const roundKey = (r: CouncilRound) => `${r.year}-${r.round}`;

/**
 * The provincial rounds the published figures name (any "ag_provincial_council_round…" metric), with
 * the number of products that passed where given; one entry per round, in round order.
 */
export function publishedRoundsFrom(figures: readonly PublishedFigureLike[]): PublishedRound[] {
  const rounds = new Map<string, PublishedRound>();
  for (const figure of figures) {
    const round = roundOfMetric(figure.metric);
    const date = publishedFigureDate(figure);
    if (!round || !date) continue;
    const entry = rounds.get(roundKey(round)) ?? { ...round, date, passed: null };
    if (date < entry.date) entry.date = date;
    if (PASSED.test(figure.metric) && /^\d+$/.test(figure.value.trim()))
      entry.passed = Number(figure.value.trim());
    rounds.set(roundKey(round), entry);
  }
  return [...rounds.values()].sort((a, b) => a.year - b.year || a.round - b.round);
}

export interface TargetCoverageInput {
  metric: MetricName;
  /** The plan period. Rounds belong to it by their round year (round 2/2022 was decided in 2023). */
  period: { start: IsoDate; end: IsoDate };
  asOf: IsoDate;
  published: readonly PublishedRound[];
  /** Rounds of the recorded provincial decisions dated on or before asOf. */
  recorded: readonly CouncilRound[];
}

export interface TargetCoverage {
  source: CoverageSource;
  /** Published rounds of the period (or since the start, for cumulative metrics) known by asOf. */
  publishedRounds: PublishedRound[];
  /** Those of them the database holds decisions of. */
  recordedRounds: PublishedRound[];
  /** Those it does not. */
  unrecordedRounds: PublishedRound[];
  /** Products that passed in the unrecorded rounds, when every one of them says; else null. */
  missingPassed: number | null;
  en: string;
  vi: string;
}

const label = (rs: readonly CouncilRound[]) => rs.map((r) => `${r.round}/${r.year}`).join(', ');
const viDate = (iso: IsoDate) => {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}/${Number(m)}/${y}`;
};
const withPassed = (rs: readonly PublishedRound[], noun: { en: string; vi: string }) => ({
  en: rs
    .map((r) => `${r.round}/${r.year}${r.passed == null ? '' : ` (${r.passed} ${noun.en})`}`)
    .join(', '),
  vi: rs
    .map((r) => `${r.round}/${r.year}${r.passed == null ? '' : ` (${r.passed} ${noun.vi})`}`)
    .join(', '),
});

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The coverage of one target's figure on asOf, with its statement in both languages. */
export function targetCoverage(input: TargetCoverageInput): TargetCoverage {
  const source = coverageSourceOf(input.metric);
  const firstYear = CUMULATIVE.has(input.metric) ? 0 : Number(input.period.start.slice(0, 4));
  const lastYear = Number(input.period.end.slice(0, 4));
  const held = new Set(input.recorded.map(roundKey));
  const publishedRounds =
    source === 'provincial_rounds'
      ? input.published.filter(
          (r) => r.year >= firstYear && r.year <= lastYear && r.date <= input.asOf,
        )
      : [];
  const recordedRounds = publishedRounds.filter((r) => held.has(roundKey(r)));
  const unrecordedRounds = publishedRounds.filter((r) => !held.has(roundKey(r)));
  const missingPassed = unrecordedRounds.every((r) => r.passed != null)
    ? unrecordedRounds.reduce((sum, r) => sum + (r.passed ?? 0), 0)
    : null;
  const base = { source, publishedRounds, recordedRounds, unrecordedRounds, missingPassed };
  const until = { en: input.asOf, vi: viDate(input.asOf) };

  if (source === 'activities')
    return {
      ...base,
      en: 'No published counts exist for these activities: the figure rests only on the activities recorded here.',
      vi: 'Không có số liệu công bố về các hoạt động này: con số chỉ dựa trên các hoạt động được ghi nhận tại đây.',
    };
  if (source === 'national_results')
    return {
      ...base,
      en: 'The province publishes no round counts of national evaluations: the figure rests on the national results recorded here.',
      vi: 'Tỉnh không công bố số liệu theo đợt của đánh giá cấp quốc gia: con số dựa trên các kết quả cấp quốc gia được ghi nhận tại đây.',
    };
  if (publishedRounds.length === 0)
    return {
      ...base,
      en: `No provincial council round of the period was published by ${until.en}: the figure rests on the decisions recorded here.`,
      vi: `Đến ngày ${until.vi} chưa có đợt đánh giá cấp tỉnh nào của kỳ được công bố: con số dựa trên các quyết định được ghi nhận tại đây.`,
    };
  if (unrecordedRounds.length === 0)
    return {
      ...base,
      en: `The database holds the decisions of every provincial round published by ${until.en}: ${label(recordedRounds)}.`,
      vi: `Cơ sở dữ liệu có quyết định của mọi đợt cấp tỉnh đã công bố đến ngày ${until.vi}: ${label(recordedRounds)}.`,
    };
  const missing = withPassed(unrecordedRounds, { en: 'products passed', vi: 'sản phẩm đạt' });
  const holds = recordedRounds.length
    ? {
        en: `The database holds the decisions of round ${label(recordedRounds)}; `,
        vi: `Cơ sở dữ liệu có quyết định của đợt ${label(recordedRounds)}; `,
      }
    : { en: '', vi: '' };
  const lack =
    missingPassed == null
      ? {
          en: 'so the figure lacks their products.',
          vi: 'nên con số còn thiếu các sản phẩm của đợt này.',
        }
      : {
          en: `so up to ${missingPassed} products are missing from the figure.`,
          vi: `nên con số có thể còn thiếu tới ${missingPassed} sản phẩm.`,
        };
  const en = `${holds.en}round ${missing.en} is published but not recorded here, ${lack.en}`;
  const vi = `${holds.vi}đợt ${missing.vi} đã được công bố nhưng chưa được ghi nhận tại đây, ${lack.vi}`;
  return { ...base, en: capitalise(en), vi: capitalise(vi) };
}
