import { describe, expect, it } from 'vitest';
import {
  decideStatus,
  defaultAsOf,
  elapsedFraction,
  STATUS_RULE,
  type StatusInput,
} from './pace.js';

const PERIOD = { start: '2021-01-01', end: '2021-12-31' };

function status(overrides: Partial<StatusInput>): string {
  return decideStatus({
    kind: 'count_at_least',
    period: PERIOD,
    asOf: '2021-07-02',
    actual: 0,
    target: 20,
    targetMax: null,
    met: false,
    unitLabel: 'products',
    ...overrides,
  }).status;
}

describe('elapsedFraction', () => {
  it('counts the as-of day itself and clamps outside the period', () => {
    expect(elapsedFraction(PERIOD, '2020-12-31')).toBe(0);
    expect(elapsedFraction(PERIOD, '2021-01-01')).toBeCloseTo(1 / 365, 10);
    expect(elapsedFraction(PERIOD, '2021-07-02')).toBeCloseTo(183 / 365, 10);
    expect(elapsedFraction(PERIOD, '2021-12-31')).toBe(1);
    expect(elapsedFraction(PERIOD, '2022-05-01')).toBe(1);
  });
});

describe('decideStatus (linear-pace-v2)', () => {
  it('is not_started before the period starts', () => {
    expect(status({ asOf: '2020-12-31' })).toBe('not_started');
  });

  it('is achieved when met, even early', () => {
    expect(status({ actual: 20, met: true, asOf: '2021-02-01' })).toBe('achieved');
  });

  // linear-pace-v2 (issue 9): once the period is over the status is final, never "at risk".
  it('is missed on and after the last day of the period when unmet, met when met', () => {
    expect(status({ actual: 19, asOf: '2022-01-01' })).toBe('missed');
    expect(status({ actual: 12, asOf: '2021-12-31' })).toBe('missed');
    expect(status({ actual: 20, met: true, asOf: '2021-12-31' })).toBe('met');
    // The day before the end it is still a judgement of pace.
    expect(status({ actual: 19, asOf: '2021-12-30' })).toBe('at_risk');
  });

  it('gives the margin of a final status: T1 of plan 152, 12 against 20 → missed by 8', () => {
    const decision = decideStatus({
      kind: 'count_at_least',
      period: PERIOD,
      asOf: '2021-12-31',
      actual: 12,
      target: 20,
      targetMax: null,
      met: false,
      unitLabel: 'products',
    });
    expect(decision.status).toBe('missed');
    expect(decision.statusReasonCode).toBe('period_ended_unmet');
    expect(decision.statusReasonParams).toEqual({
      asOf: '2021-12-31',
      target: 20,
      actual: 12,
      periodEnd: '2021-12-31',
      margin: -8,
    });
    expect(decision.statusReason).toBe(
      'Missed: the period ended on 2021-12-31 with 12 against a target of 20 products (margin -8).',
    );
  });

  it('is demo_data, never achieved, when the figure rests on sample records (T7/T8 on sample activities)', () => {
    const t7 = { kind: 'share_at_least' as const, target: 100, actual: 100, met: true };
    expect(status({ ...t7, sampleRecords: 12, asOf: '2021-12-31' })).toBe('demo_data');
    expect(status({ ...t7, sampleRecords: 12, asOf: '2021-06-30' })).toBe('demo_data');
    expect(status({ ...t7, sampleRecords: 0, asOf: '2021-12-31' })).toBe('met');
  });

  it('is no_data_source when the facts are not recorded at all, whatever the date', () => {
    expect(status({ actual: null, dataRecorded: false, asOf: '2021-12-31' })).toBe(
      'no_data_source',
    );
    expect(status({ actual: null, dataRecorded: false, asOf: '2020-06-30' })).toBe(
      'no_data_source',
    );
  });

  // 2021-07-02: 183/365 elapsed, so 20 products → expected 10.03.
  it('compares counts with the linear pace: on_track at or above it', () => {
    expect(status({ actual: 11 })).toBe('on_track');
  });

  it('is at_risk between half the pace and the pace, off_track below half', () => {
    expect(status({ actual: 10 })).toBe('at_risk');
    expect(status({ actual: 6 })).toBe('at_risk');
    expect(status({ actual: 5 })).toBe('off_track');
  });

  it('gives at most at_risk in the first quarter, when councils have not met yet', () => {
    expect(status({ actual: 0, asOf: '2021-03-01' })).toBe('at_risk');
    expect(status({ actual: 0, asOf: '2021-04-15' })).toBe('off_track');
  });

  it('compares shares with the target directly using 10 and 25 point margins', () => {
    const share = { kind: 'share_at_least' as const, target: 80, unitLabel: 'percent' };
    expect(status({ ...share, actual: 70 })).toBe('on_track');
    expect(status({ ...share, actual: 69.99 })).toBe('at_risk');
    expect(status({ ...share, actual: 55 })).toBe('at_risk');
    expect(status({ ...share, actual: 54.99 })).toBe('off_track');
  });

  it('is not_started when a share has no data during the period, missed after it', () => {
    const noData = { kind: 'share_at_least' as const, target: 80, actual: null };
    expect(status(noData)).toBe('not_started');
    expect(status({ ...noData, asOf: '2022-01-10' })).toBe('missed');
  });

  it('names the rule and explains the numbers', () => {
    const decision = decideStatus({
      kind: 'count_at_least',
      period: PERIOD,
      asOf: '2021-07-02',
      actual: 11,
      target: 20,
      targetMax: null,
      met: false,
      unitLabel: 'products',
    });
    expect(decision.statusRule).toBe(STATUS_RULE);
    expect(decision.statusRule).toBe('linear-pace-v2');
    expect(decision.statusReason).toBe(
      'On 2021-07-02: 11 against a target of 20 products; linear pace expects 10.03 after 50.14% of the period.',
    );
    expect(decision.expected).toBeCloseTo((20 * 183) / 365, 10);
    expect(decision.statusReasonCode).toBe('pace_ahead');
    expect(decision.statusReasonParams).toEqual({
      asOf: '2021-07-02',
      target: 20,
      actual: 11,
      expected: 10.03,
      elapsedPercent: 50.14,
    });
  });
});

describe('decideStatus reason codes', () => {
  const base = { period: PERIOD, targetMax: null, met: false, unitLabel: 'products' } as const;

  it('codes each branch with the numbers and dates its sentence uses', () => {
    const cases = [
      [
        { ...base, kind: 'count_at_least', asOf: '2020-12-31', actual: 0, target: 20 },
        'before_period',
        { periodStart: '2021-01-01' },
      ],
      [
        { ...base, kind: 'count_at_least', asOf: '2021-06-30', actual: 20, target: 20, met: true },
        'achieved',
        {},
      ],
      [
        { ...base, kind: 'count_at_least', asOf: '2022-01-05', actual: 3, target: 20 },
        'period_ended_unmet',
        { periodEnd: '2021-12-31', margin: -17 },
      ],
      [
        { ...base, kind: 'share_at_least', asOf: '2021-06-30', actual: null, target: 80 },
        'no_data',
        {},
      ],
      [
        { ...base, kind: 'share_at_least', asOf: '2021-06-30', actual: 75, target: 80 },
        'share_within_margin',
        { marginPoints: 10 },
      ],
      [
        { ...base, kind: 'share_at_least', asOf: '2021-06-30', actual: 60, target: 80 },
        'share_short',
        { gapPoints: 20, marginPoints: 25 },
      ],
      [
        { ...base, kind: 'share_at_least', asOf: '2021-06-30', actual: 40, target: 80 },
        'share_far_short',
        { gapPoints: 40 },
      ],
      [
        { ...base, kind: 'count_at_least', asOf: '2021-07-02', actual: 6, target: 20 },
        'pace_behind',
        { expected: 10.03 },
      ],
      [
        { ...base, kind: 'count_at_least', asOf: '2021-07-02', actual: 2, target: 20 },
        'pace_far_behind',
        { expected: 10.03 },
      ],
    ] as const;
    for (const [input, code, params] of cases) {
      const decision = decideStatus(input);
      expect(decision.statusReasonCode, code).toBe(code);
      expect(decision.statusReasonParams, code).toMatchObject({
        asOf: input.asOf,
        target: input.target,
        ...params,
      });
    }
  });

  it('leaves actual out when there is no data, never 0', () => {
    const decision = decideStatus({
      ...base,
      kind: 'share_at_least',
      asOf: '2021-06-30',
      actual: null,
      target: 80,
    });
    expect(decision.statusReasonParams).not.toHaveProperty('actual');
  });

  it('codes a range met above its upper bound and gives the bound', () => {
    const decision = decideStatus({
      ...base,
      kind: 'count_between',
      asOf: '2021-12-30',
      actual: 9,
      target: 5,
      targetMax: 8,
      met: true,
    });
    expect(decision.statusReasonCode).toBe('achieved_above_range');
    expect(decision.statusReasonParams).toEqual({
      asOf: '2021-12-30',
      target: 5,
      targetMax: 8,
      actual: 9,
    });
    expect(decision.statusReason).toContain('above the planned upper bound of 8');
  });
});

describe('defaultAsOf', () => {
  it('is today during the plan and the period end for a past plan', () => {
    expect(defaultAsOf('2021-12-31', '2021-06-30')).toBe('2021-06-30');
    expect(defaultAsOf('2021-12-31', '2025-03-01')).toBe('2021-12-31');
  });
});
