import { describe, expect, it } from 'vitest';
import seedDistricts from '../../../../data/seed/districts-2021.csv?raw';
import seedTargets from '../../../../data/seed/plan-2021-targets.csv?raw';
import { DISTRICTS_2021_CSV, PLAN_2021_TARGETS_CSV, parseSimpleCsv } from './seed-csv.fixture.js';

describe('seed CSV fixtures', () => {
  it('embed exactly the text of data/seed/plan-2021-targets.csv', () => {
    expect(PLAN_2021_TARGETS_CSV).toBe(seedTargets);
  });

  it('embed exactly the text of data/seed/districts-2021.csv', () => {
    expect(DISTRICTS_2021_CSV).toBe(seedDistricts);
  });

  it('parse into 8 target rows and 11 district rows', () => {
    expect(parseSimpleCsv(PLAN_2021_TARGETS_CSV)).toHaveLength(8);
    expect(parseSimpleCsv(DISTRICTS_2021_CSV)).toHaveLength(11);
  });
});
