import { describe, expect, it } from 'vitest';
import type { PublishedFigure } from '../graphql/published-figures';
import { matchPublishedFigure } from './published-match';

function fig(
  id: string,
  dateLabel: string,
  metric: string,
  value: string,
  date: string | null = null,
): PublishedFigure {
  return {
    id,
    dateLabel,
    metric,
    value,
    date: date ? { value: date, precision: 'DAY', label: dateLabel } : null,
    sources: [],
  };
}

const figures = [
  fig('1', '2020-12-31', 'ag_products_3_4_star_provincial_total', '37', '2020-12-31'),
  fig('2', '2021-12', 'ag_products_3_star_or_more_total', '62', '2021-12-01'),
  fig('3', '2025-02', 'ag_products_3_star_or_more_total_incl_expired', '182', '2025-02-01'),
  fig('4', '2025-02', 'ag_products_valid_certificate_total', '152', '2025-02-01'),
  fig('5', '2021-12', 'ag_entities_total', '45'),
  fig('6', '2021-04-22', 'ag_target_additional_products_3_star_or_more_2021', '20', '2021-04-22'),
];

describe('matchPublishedFigure', () => {
  it('takes the latest "ever certified" figure on or before the as-of date', () => {
    expect(matchPublishedFigure(figures, 'PRODUCTS', 'EVER_CERTIFIED', '2021-12-31')?.value).toBe(
      '62',
    );
    expect(matchPublishedFigure(figures, 'PRODUCTS', 'EVER_CERTIFIED', '2021-06-30')?.value).toBe(
      '37',
    );
  });

  it('keeps "valid on date" apart from "ever certified"', () => {
    expect(matchPublishedFigure(figures, 'PRODUCTS', 'VALID_ON_AS_OF', '2025-03-01')?.value).toBe(
      '152',
    );
    expect(matchPublishedFigure(figures, 'PRODUCTS', 'EVER_CERTIFIED', '2025-03-01')?.value).toBe(
      '182',
    );
    expect(matchPublishedFigure(figures, 'PRODUCTS', 'VALID_ON_AS_OF', '2021-12-31')).toBeNull();
  });

  it('dates a year-only label at the end of that year and never matches targets', () => {
    expect(matchPublishedFigure(figures, 'ENTITIES', 'EVER_CERTIFIED', '2021-12-30')).toBeNull();
    expect(matchPublishedFigure(figures, 'ENTITIES', 'EVER_CERTIFIED', '2021-12-31')?.value).toBe(
      '45',
    );
    expect(matchPublishedFigure(figures, 'EVALUATIONS', 'EVER_CERTIFIED', '2030-01-01')).toBeNull();
  });
});
