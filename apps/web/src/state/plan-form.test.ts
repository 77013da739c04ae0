import { describe, expect, it } from 'vitest';
import {
  defaultPeriod,
  defaultsForKind,
  latestValue,
  parseAmount,
  parsePlanYear,
  splitKinds,
  targetValueErrors,
  targetValueText,
} from './plan-form';

describe('plan form helpers', () => {
  it('gives a year plan its calendar year and a programme five years', () => {
    expect(defaultPeriod(2026, false)).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(defaultPeriod(2026, true)).toEqual({ start: '2026-01-01', end: '2030-12-31' });
  });

  it('reads plan years within 2019–2100 and amounts with a comma or a point', () => {
    expect(parsePlanYear('2026')).toBe(2026);
    expect(parsePlanYear(' 2026 ')).toBe(2026);
    expect(parsePlanYear('26')).toBeNull();
    expect(parsePlanYear('2018')).toBeNull();
    expect(parseAmount('12,5')).toBe(12.5);
    expect(parseAmount(30)).toBe(30);
    expect(parseAmount('-1')).toBeNull();
    expect(parseAmount('')).toBeNull();
  });

  it('checks values as the API does: a share ≤ 100, a range’s upper bound ≥ its lower one', () => {
    expect(targetValueErrors('COUNT_AT_LEAST', '30', '')).toEqual({});
    expect(targetValueErrors('COUNT_AT_LEAST', 'ba mươi', '')).toEqual({
      targetValue: 'notANumber',
    });
    expect(targetValueErrors('SHARE_AT_LEAST', '120', '')).toEqual({ targetValue: 'shareMax' });
    expect(targetValueErrors('COUNT_BETWEEN', '50', '')).toEqual({ targetMax: 'notANumber' });
    expect(targetValueErrors('COUNT_BETWEEN', '50', '40')).toEqual({ targetMax: 'rangeOrder' });
    expect(targetValueErrors('COUNT_BETWEEN', '50', '70')).toEqual({});
  });

  it('suggests unit and scope by kind, lists values and splits activity kinds', () => {
    expect(defaultsForKind('SHARE_AT_LEAST')).toEqual({ unitLabel: 'percent', scope: 'province' });
    expect(defaultsForKind('EACH_UNIT_AT_LEAST').scope).toBe('each district-level unit');
    expect(targetValueText('COUNT_BETWEEN', 50, 70)).toBe('50–70');
    expect(targetValueText('SHARE_AT_LEAST', 80, null)).toBe('≥ 80 %');
    expect(targetValueText('COUNT_AT_LEAST', 30, null)).toBe('≥ 30');
    expect(splitKinds(' trade_promotion, ,fair,trade_promotion')).toEqual([
      'trade_promotion',
      'fair',
    ]);
  });
});

describe('latestValue', () => {
  it('takes the last amendment that changed the target, else the value as issued', () => {
    const target = { code: 'T1', targetValue: 30, targetMax: null };
    expect(latestValue(target, [])).toEqual({ targetValue: 30, targetMax: null });
    const amendments = [
      { number: 3, changes: [{ code: 'T2', targetValue: 9, targetMax: null }] },
      { number: 2, changes: [{ code: 'T1', targetValue: 40, targetMax: null }] },
    ];
    expect(latestValue(target, amendments)).toEqual({ targetValue: 40, targetMax: null });
  });
});
