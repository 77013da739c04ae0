import { describe, expect, it } from 'vitest';
import { publishedRoundsFrom, targetCoverage } from './target-coverage.js';

// Published council figures as data/seed/published-totals.csv gives them (rounds 1 and 2 of 2021).
const figures = [
  {
    metric: 'ag_provincial_council_round1_2021_products_evaluated',
    value: '17',
    date: '2021-04-07',
    dateLabel: '2021-04-07',
  },
  {
    metric: 'ag_provincial_council_round1_2021_products_passed',
    value: '12',
    date: '2021-04-07',
    dateLabel: '2021-04-07',
  },
  {
    metric: 'ag_provincial_council_round2_2021_products_passed',
    value: '11',
    date: null,
    dateLabel: '2021-12 (early)',
  },
  {
    metric: 'ag_provincial_council_round2_2021_products_passed_4_star',
    value: '1',
    date: null,
    dateLabel: '2021-12 (early)',
  },
  { metric: 'ag_products_3_star_or_more_total', value: '62', date: null, dateLabel: '2021-12' },
];
const published = publishedRoundsFrom(figures);
const period2021 = { start: '2021-01-01', end: '2021-12-31' };

describe('publishedRoundsFrom', () => {
  it('reads one entry per round with its passed count and date', () => {
    expect(published).toEqual([
      { round: 1, year: 2021, date: '2021-04-07', passed: 12 },
      { round: 2, year: 2021, date: '2021-12-31', passed: 11 },
    ]);
  });
});

describe('targetCoverage', () => {
  it('names the unrecorded round 2/2021 and the 11 products missing from T1 at the end of 2021', () => {
    const c = targetCoverage({
      metric: 'products_first_certified',
      period: period2021,
      asOf: '2021-12-31',
      published,
      recorded: [
        { round: 3, year: 2020 },
        { round: 1, year: 2021 },
      ],
    });
    expect(c.recordedRounds.map((r) => r.round)).toEqual([1]);
    expect(c.unrecordedRounds.map((r) => `${r.round}/${r.year}`)).toEqual(['2/2021']);
    expect(c.missingPassed).toBe(11);
    expect(c.en).toBe(
      'The database holds the decisions of round 1/2021; round 2/2021 (11 products passed) is published but not recorded here, so up to 11 products are missing from the figure.',
    );
    expect(c.vi).toBe(
      'Cơ sở dữ liệu có quyết định của đợt 1/2021; đợt 2/2021 (11 sản phẩm đạt) đã được công bố nhưng chưa được ghi nhận tại đây, nên con số có thể còn thiếu tới 11 sản phẩm.',
    );
  });

  it('says every published round is held once round 2/2021 is recorded', () => {
    const c = targetCoverage({
      metric: 'products_first_certified',
      period: period2021,
      asOf: '2021-12-31',
      published,
      recorded: [
        { round: 1, year: 2021 },
        { round: 2, year: 2021 },
      ],
    });
    expect(c.missingPassed).toBe(0);
    expect(c.en).toBe(
      'The database holds the decisions of every provincial round published by 2021-12-31: 1/2021, 2/2021.',
    );
  });

  it('counts only rounds published by the as-of date', () => {
    const c = targetCoverage({
      metric: 'products_first_certified',
      period: period2021,
      asOf: '2021-06-30',
      published,
      recorded: [{ round: 1, year: 2021 }],
    });
    expect(c.publishedRounds.map((r) => r.round)).toEqual([1]);
    expect(c.unrecordedRounds).toEqual([]);
  });

  it('starts a sentence without recorded rounds with a capital', () => {
    const c = targetCoverage({
      metric: 'provincial_pass_rate',
      period: period2021,
      asOf: '2021-12-31',
      published,
      recorded: [],
    });
    expect(c.en.startsWith('Round 1/2021 (12 products passed), 2/2021 (11 products passed)')).toBe(
      true,
    );
    expect(c.vi.startsWith('Đợt 1/2021')).toBe(true);
    expect(c.missingPassed).toBe(23);
  });

  it('looks at rounds of earlier years for cumulative metrics only', () => {
    const input = {
      period: { start: '2022-01-01', end: '2022-12-31' },
      asOf: '2022-12-31',
      published,
      recorded: [],
    };
    expect(
      targetCoverage({ ...input, metric: 'products_certified_cumulative' }).unrecordedRounds,
    ).toHaveLength(2);
    const yearly = targetCoverage({ ...input, metric: 'products_certified_3star' });
    expect(yearly.publishedRounds).toEqual([]);
    expect(yearly.en).toBe(
      'No provincial council round of the period was published by 2022-12-31: the figure rests on the decisions recorded here.',
    );
  });

  it('says activity figures have nothing published to compare', () => {
    const c = targetCoverage({
      metric: 'entities_with_capacity_activity',
      period: period2021,
      asOf: '2021-12-31',
      published,
      recorded: [],
    });
    expect(c.source).toBe('activities');
    expect(c.publishedRounds).toEqual([]);
    expect(c.vi).toContain('Không có số liệu công bố');
  });
});
