import type { PublishedFigure } from '../graphql/published-figures';
import type { CertifiedBasis, StatsMeasure } from '../graphql/types';

/**
 * Which of the province's published metrics says the same thing as a computed total. The press
 * mixes "ever certified" and "valid on a date" (README, "Facts, definitions and sources"), so the
 * basis picks the metric.
 */
const METRICS: Record<StatsMeasure, Record<CertifiedBasis, readonly string[]>> = {
  PRODUCTS: {
    EVER_CERTIFIED: [
      'ag_products_3_star_or_more_total_incl_expired',
      'ag_products_3_star_or_more_total',
      'ag_products_3_4_star_provincial_total',
    ],
    VALID_ON_AS_OF: ['ag_products_valid_certificate_total'],
  },
  CERTIFICATES: {
    EVER_CERTIFIED: [
      'ag_products_3_star_or_more_total_incl_expired',
      'ag_products_3_star_or_more_total',
      'ag_products_3_4_star_provincial_total',
    ],
    VALID_ON_AS_OF: ['ag_products_valid_certificate_total'],
  },
  ENTITIES: {
    EVER_CERTIFIED: ['ag_entities_total'],
    VALID_ON_AS_OF: ['ag_entities_with_valid_products'],
  },
  EVALUATIONS: { EVER_CERTIFIED: [], VALID_ON_AS_OF: [] },
};

export function publishedMetricsFor(
  measure: StatsMeasure,
  basis: CertifiedBasis,
): readonly string[] {
  return METRICS[measure][basis];
}

/** The date a published figure speaks for: its exact date, else the end of the year in its label. */
export function figureDate(figure: PublishedFigure): string | null {
  if (figure.date?.value) return figure.date.value;
  const year = /^(\d{4})/.exec(figure.dateLabel)?.[1];
  return year ? `${year}-12-31` : null;
}

/** The latest matching published figure dated on or before `asOf`, or null. */
export function matchPublishedFigure(
  figures: readonly PublishedFigure[],
  measure: StatsMeasure,
  basis: CertifiedBasis,
  asOf: string,
): PublishedFigure | null {
  const metrics = publishedMetricsFor(measure, basis);
  let best: { figure: PublishedFigure; date: string; rank: number } | null = null;
  for (const figure of figures) {
    const rank = metrics.indexOf(figure.metric);
    const date = figureDate(figure);
    if (rank < 0 || !date || date > asOf) continue;
    if (!best || date > best.date || (date === best.date && rank < best.rank))
      best = { figure, date, rank };
  }
  return best?.figure ?? null;
}
