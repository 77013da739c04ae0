import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FIGURES_STATE,
  figuresStateFromQuery,
  figuresStateToQuery,
  figuresStateToVariables,
  permalinkFor,
  type FiguresState,
} from './figures-state';

const full: FiguresState = {
  measure: 'CERTIFICATES',
  groupBy: 'STARS',
  groupTaxonomy: '148',
  basis: 'EVER_CERTIFIED',
  asOf: '2021-06-30',
  unitCode: 'tinh-bien',
  group: 'food',
  stars: [3, 4],
  level: 'PROVINCE',
  year: 2021,
  entityType: 'COOPERATIVE',
};

describe('figures permalink state', () => {
  it('round-trips every choice through the query (state → query → state)', () => {
    expect(figuresStateFromQuery(figuresStateToQuery(full))).toEqual(full);
  });

  it('round-trips the defaults', () => {
    expect(figuresStateFromQuery(figuresStateToQuery({ ...DEFAULT_FIGURES_STATE }))).toEqual(
      DEFAULT_FIGURES_STATE,
    );
  });

  it('round-trips through a real URL with Vietnamese-safe encoding', () => {
    const link = permalinkFor('https://ocop.example', '/figures', full, 'en');
    const url = new URL(link);
    expect(url.pathname).toBe('/figures');
    expect(url.searchParams.get('lang')).toBe('en');
    expect(figuresStateFromQuery(Object.fromEntries(url.searchParams))).toEqual(full);
  });

  it('falls back to defaults for unknown or malformed values', () => {
    const state = figuresStateFromQuery({
      measure: 'DROP TABLE',
      groupBy: 'STARS',
      asOf: '2021-02-30',
      stars: '9,3,x,3',
      year: '21',
    });
    expect(state.measure).toBe('PRODUCTS');
    expect(state.groupBy).toBe('STARS');
    expect(state.asOf).toBeNull();
    expect(state.stars).toEqual([3]);
    expect(state.year).toBeNull();
  });

  it('builds stats variables with only the chosen filters', () => {
    expect(
      figuresStateToVariables({ ...DEFAULT_FIGURES_STATE, stars: [4, 3] }, '2021-12-31'),
    ).toEqual({
      measure: 'PRODUCTS',
      groupBy: 'UNIT',
      basis: 'EVER_CERTIFIED',
      asOf: '2021-12-31',
      filter: { stars: [3, 4] },
      groupTaxonomy: 'QD1048',
    });
  });
});
