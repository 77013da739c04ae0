import { describe, expect, it } from 'vitest';
import { factsOfUnit, selectFacts } from './fact-selection.js';
import { AS_OF, PERIODS, syntheticFacts } from '../test-fixtures/synthetic-facts.fixture.js';
import { computeMetric, METRICS, type MetricName } from './metrics.js';

describe('selectFacts', () => {
  const facts = syntheticFacts();

  it('keeps fewer facts than there are', () => {
    const selected = selectFacts(facts, PERIODS[1]!, '2021-06-30');
    expect(selected.evaluations.length).toBeLessThan(facts.evaluations.length);
    expect(selected.decisionItems.length).toBeLessThan(facts.decisionItems.length);
    expect(selected.activities.length).toBeLessThan(facts.activities.length);
    expect(selected.products.length).toBeLessThan(facts.products.length);
  });

  it('gives every metric the same outcome as all facts, for each period and as-of day', () => {
    for (const period of PERIODS)
      for (const asOf of AS_OF) {
        const selected = selectFacts(facts, period, asOf);
        for (const name of Object.keys(METRICS) as MetricName[]) {
          const label = `${name} ${period.start}…${period.end} on ${asOf}`;
          expect(computeMetric(name, selected, period, asOf), label).toEqual(
            computeMetric(name, facts, period, asOf),
          );
        }
      }
  });

  it('gives the per-unit metrics of one unit the same outcome on its selected facts', () => {
    const period = PERIODS[1]!;
    const selected = selectFacts(facts, period, '2021-12-31');
    for (const name of ['provincial_pass_rate', 'products_first_certified'] as const)
      expect(computeMetric(name, factsOfUnit(selected, 'u2'), period, '2021-12-31')).toEqual(
        computeMetric(name, factsOfUnit(facts, 'u2'), period, '2021-12-31'),
      );
  });
});
