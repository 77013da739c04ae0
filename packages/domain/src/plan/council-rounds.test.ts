import { describe, expect, it } from 'vitest';
import { councilRoundMetrics, councilRoundsFromFigures } from './council-rounds.js';
import { emptyPlanFacts } from './facts.js';
import { computeMetric } from './metrics.js';

const day = (date: string) => ({ date, precision: 'day' as const });
// Published counts of data/seed/published-totals.csv.
const figures = [
  {
    metric: 'ag_provincial_council_round1_2021_products_evaluated',
    value: '17',
    date: day('2021-04-07'),
  },
  {
    metric: 'ag_provincial_council_round1_2021_products_passed',
    value: '12',
    date: day('2021-04-07'),
  },
  // Round 2/2021: only the passed count is published, so it is no usable round.
  {
    metric: 'ag_provincial_council_round2_2021_products_passed',
    value: '11',
    date: day('2021-12-01'),
  },
  { metric: 'ag_provincial_council_round2_2021_products_passed_3_star', value: '10', date: null },
];
const PERIOD = { start: '2021-01-01', end: '2021-12-31' };

/** Twelve recorded provincial evaluations of 2021, all passed (the seed's round 1/2021). */
function factsWithTwelvePassed() {
  const facts = emptyPlanFacts();
  for (let i = 1; i <= 12; i++)
    facts.evaluations.push({
      id: `v${i}`,
      productId: `p${i}`,
      level: 'province',
      date: { date: '2021-04-22', precision: 'year' },
      stars: 3,
    });
  return facts;
}

describe('council rounds', () => {
  it('reads rounds with both counts published', () => {
    expect(councilRoundsFromFigures(figures)).toEqual([
      {
        round: 1,
        year: 2021,
        level: 'province',
        date: day('2021-04-07'),
        evaluated: 17,
        passed: 12,
      },
    ]);
  });

  it('gives T5 12/17 from the published round 1/2021 instead of 12/12 from the records', () => {
    const facts = factsWithTwelvePassed();
    expect(computeMetric('provincial_pass_rate', facts, PERIOD, '2021-12-31')).toMatchObject({
      numerator: 12,
      denominator: 12,
    });
    facts.councilRounds = councilRoundsFromFigures(figures);
    const outcome = computeMetric('provincial_pass_rate', facts, PERIOD, '2021-12-31');
    expect(outcome).toMatchObject({ numerator: 12, denominator: 17, publishedRounds: ['1/2021'] });
  });

  it('keeps the records before the round is counted, and when the records exceed the published counts', () => {
    const facts = factsWithTwelvePassed();
    facts.councilRounds = councilRoundsFromFigures(figures);
    expect(computeMetric('provincial_pass_rate', facts, PERIOD, '2021-04-06')).toMatchObject({
      numerator: 0,
      denominator: 0,
    });
    facts.councilRounds = [{ ...facts.councilRounds[0]!, evaluated: 10, passed: 8 }];
    const outcome = computeMetric('provincial_pass_rate', facts, PERIOD, '2021-12-31');
    expect(outcome).toMatchObject({ numerator: 12, denominator: 12 });
    expect('publishedRounds' in outcome).toBe(false);
  });
});

describe('councilRoundMetrics', () => {
  it('names the keys councilRoundsFromFigures reads back', () => {
    const keys = councilRoundMetrics(2, 2021);
    expect(keys).toEqual({
      evaluated: 'ag_provincial_council_round2_2021_products_evaluated',
      passed: 'ag_provincial_council_round2_2021_products_passed',
    });
    const date = { date: '2021-10-20', precision: 'day' as const };
    expect(
      councilRoundsFromFigures([
        { metric: keys.evaluated, value: '15', date },
        { metric: keys.passed, value: '11', date },
      ]),
    ).toEqual([{ round: 2, year: 2021, level: 'province', date, evaluated: 15, passed: 11 }]);
  });
});
