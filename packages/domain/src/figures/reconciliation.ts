// Reconciling a computed figure with the figure the province published: which published metric
// says the same thing, which council rounds the database holds, and a coverage statement a
// journalist can print ("holds 39 of the 62 products published for 12/2021").
import type { IsoDate } from '../dates.js';

export type ReconciledMeasure = 'products' | 'entities' | 'certificates' | 'evaluations';
export type ReconciledBasis = 'ever_certified' | 'valid_on_as_of';

/**
 * Published metric keys meaning the same as a computed total, best first. The press mixes "ever
 * recognised" and "valid on a date", so the basis picks the metric; a measure with no published
 * counterpart has none.
 */
const PUBLISHED_METRICS: Record<ReconciledMeasure, Record<ReconciledBasis, readonly string[]>> = {
  products: {
    ever_certified: [
      'ag_products_3_star_or_more_total_incl_expired',
      'ag_products_3_star_or_more_total',
      'ag_products_3_4_star_provincial_total',
    ],
    valid_on_as_of: ['ag_products_valid_certificate_total'],
  },
  certificates: {
    ever_certified: [
      'ag_products_3_star_or_more_total_incl_expired',
      'ag_products_3_star_or_more_total',
      'ag_products_3_4_star_provincial_total',
    ],
    valid_on_as_of: ['ag_products_valid_certificate_total'],
  },
  entities: {
    ever_certified: ['ag_entities_total'],
    valid_on_as_of: ['ag_entities_with_valid_products'],
  },
  evaluations: { ever_certified: [], valid_on_as_of: [] },
};

export function publishedMetricsFor(
  measure: ReconciledMeasure,
  basis: ReconciledBasis,
): readonly string[] {
  return PUBLISHED_METRICS[measure][basis];
}

export interface PublishedFigureLike {
  metric: string;
  value: string;
  /** Parsed date, when the label could be read. */
  date: IsoDate | null;
  dateLabel: string;
}

/** The date a published figure speaks for: its own date, else the end of the year it names. */
export function publishedFigureDate(figure: PublishedFigureLike): IsoDate | null {
  if (figure.date) return figure.date;
  const year = /^(\d{4})/.exec(figure.dateLabel)?.[1];
  return year ? `${year}-12-31` : null;
}

/** The latest figure of one of `metrics` dated on or before `asOf`; the better metric on a tie. */
export function pickPublishedFigure<F extends PublishedFigureLike>(
  figures: readonly F[],
  metrics: readonly string[],
  asOf: IsoDate,
): F | null {
  let best: { figure: F; date: IsoDate; rank: number } | null = null;
  for (const figure of figures) {
    const rank = metrics.indexOf(figure.metric);
    const date = publishedFigureDate(figure);
    if (rank < 0 || !date || date > asOf) continue;
    if (!best || date > best.date || (date === best.date && rank < best.rank))
      best = { figure, date, rank };
  }
  return best?.figure ?? null;
}

/** A published value as a whole number ("62"), or null when it is a range or a note ("5-8"). */
export function publishedCount(value: string): number | null {
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
}

/** A provincial council round: "đợt 2/2021" is round 2 of 2021. */
export interface CouncilRound {
  round: number;
  year: number;
}

const roundKey = (r: CouncilRound) => `${r.year}-${r.round}`;

/** The round a decision's batch text names ("đợt 1/2021 (HĐ tỉnh họp 7/4/2021 …)"), if any. */
export function roundOfBatch(batch: string | null): CouncilRound | null {
  const m = /đợt\s*(\d+)\s*\/\s*(\d{4})/iu.exec(batch ?? '');
  return m ? { round: Number(m[1]), year: Number(m[2]) } : null;
}

/** The round a published council metric speaks of ("ag_provincial_council_round2_2021_…"). */
export function roundOfMetric(metric: string): CouncilRound | null {
  const m = /^ag_provincial_council_round(\d+)_(\d{4})_/.exec(metric);
  return m ? { round: Number(m[1]), year: Number(m[2]) } : null;
}

/** Rounds the province published results for that no recorded decision belongs to, in order. */
export function unrecordedRounds(
  published: readonly CouncilRound[],
  recorded: readonly CouncilRound[],
): CouncilRound[] {
  const held = new Set(recorded.map(roundKey));
  const seen = new Set<string>();
  return published
    .filter((r) => !held.has(roundKey(r)) && !seen.has(roundKey(r)) && seen.add(roundKey(r)))
    .sort((a, b) => a.year - b.year || a.round - b.round);
}

export interface CoverageFacts {
  measure: ReconciledMeasure;
  asOf: IsoDate;
  computed: number;
  /** The published count and how its date was written ("2021-12"), or null when none exists. */
  published: { count: number | null; value: string; dateLabel: string } | null;
  recordedRounds: readonly CouncilRound[];
  unrecordedRounds: readonly CouncilRound[];
  /** Records of the computed figure dated only by their year. */
  yearOnlyRecords: number;
}

const NOUNS: Record<ReconciledMeasure, { en: string; vi: string }> = {
  products: { en: 'products', vi: 'sản phẩm' },
  certificates: { en: 'certificates', vi: 'giấy chứng nhận' },
  entities: { en: 'entities', vi: 'chủ thể' },
  evaluations: { en: 'evaluations', vi: 'lượt đánh giá' },
};

const roundsEn = (rs: readonly CouncilRound[]) => rs.map((r) => `${r.round}/${r.year}`).join(', ');

/**
 * The coverage statement printed beside a computed figure, in both languages: how much of the
 * published figure the database holds, which published rounds it lacks, and how many of its
 * records are dated by year only. It names causes the data shows, never "a different definition".
 */
export function coverageStatement(f: CoverageFacts): { en: string; vi: string } {
  const noun = NOUNS[f.measure];
  const en: string[] = [];
  const vi: string[] = [];
  if (!f.published) {
    en.push(`No published figure counts the same ${noun.en} on or before ${f.asOf}.`);
    vi.push(`Không có số công bố nào đếm cùng loại ${noun.vi} đến ngày ${f.asOf}.`);
  } else if (f.published.count == null) {
    en.push(
      `The province published "${f.published.value}" (${f.published.dateLabel}); the database holds ${f.computed} ${noun.en}.`,
    );
    vi.push(
      `Tỉnh công bố “${f.published.value}” (${f.published.dateLabel}); cơ sở dữ liệu có ${f.computed} ${noun.vi}.`,
    );
  } else if (f.computed === f.published.count) {
    en.push(
      `The database holds all ${f.computed} ${noun.en} the province published for ${f.published.dateLabel}.`,
    );
    vi.push(
      `Cơ sở dữ liệu có đủ ${f.computed} ${noun.vi} tỉnh công bố cho thời điểm ${f.published.dateLabel}.`,
    );
  } else if (f.computed > f.published.count) {
    // The published figure can count less (e.g. provincial recognitions only, without national).
    en.push(
      `The database holds ${f.computed} ${noun.en}, ${f.computed - f.published.count} more than the ${f.published.count} the province published for ${f.published.dateLabel}.`,
    );
    vi.push(
      `Cơ sở dữ liệu có ${f.computed} ${noun.vi}, nhiều hơn ${f.computed - f.published.count} so với ${f.published.count} tỉnh công bố cho thời điểm ${f.published.dateLabel}.`,
    );
  } else {
    const pct = Math.round((100 * f.computed) / Math.max(f.published.count, 1));
    en.push(
      `The database holds ${f.computed} of the ${f.published.count} ${noun.en} the province published for ${f.published.dateLabel} (${pct}%).`,
    );
    vi.push(
      `Cơ sở dữ liệu có ${f.computed} trên ${f.published.count} ${noun.vi} tỉnh công bố cho thời điểm ${f.published.dateLabel} (${pct}%).`,
    );
  }
  if (f.recordedRounds.length) {
    en.push(`Provincial rounds recorded: ${roundsEn(f.recordedRounds)}.`);
    vi.push(`Các đợt cấp tỉnh đã ghi nhận: ${roundsEn(f.recordedRounds)}.`);
  }
  if (f.unrecordedRounds.length) {
    en.push(
      `Decisions of round ${roundsEn(f.unrecordedRounds)} are published but not recorded here.`,
    );
    vi.push(
      `Quyết định của đợt ${roundsEn(f.unrecordedRounds)} đã được công bố nhưng chưa được ghi nhận ở đây.`,
    );
  }
  if (f.yearOnlyRecords > 0) {
    en.push(
      `${f.yearOnlyRecords} of the counted records are dated by year only: they count from 31 December of their year, or from an earlier day the source gives (certificates handed over).`,
    );
    vi.push(
      `${f.yearOnlyRecords} bản ghi được đếm chỉ có năm: tính từ ngày 31 tháng 12 của năm đó, hoặc từ ngày sớm hơn mà nguồn cho biết (ngày trao giấy chứng nhận).`,
    );
  }
  return { en: en.join(' '), vi: vi.join(' ') };
}
