import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import {
  getRuleSet,
  mandatoryCriteriaApply,
  recogniserFor,
  RULE_SETS,
  ruleSetInForce,
} from './rule-sets.js';

describe('RULE_SETS', () => {
  it('holds the part maxima of each decision (1048: 35/25/40; 148 and 1489: 40/25/35)', () => {
    const maxima = Object.fromEntries(
      RULE_SETS.map((r) => [r.code, r.parts.map((p) => `${p.code}${p.max}`).join(' ')]),
    );
    expect(maxima).toEqual({
      QD1048: 'A35 B25 C40',
      QD148: 'A40 B25 C35',
      QD148_1489: 'A40 B25 C35',
    });
  });

  it('gives every part set a maximum of 100 and 36-month certificates', () => {
    for (const ruleSet of RULE_SETS) {
      expect(ruleSet.parts.reduce((sum, p) => sum + p.max, 0)).toBe(100);
      expect(ruleSet.certificateValidityMonths).toBe(36);
    }
  });

  it('has an expiry notice only from 148, and 781 minimum criteria from 2020-06-08', () => {
    expect(getRuleSet('QD1048').expiryNoticeDays).toBeNull();
    expect(getRuleSet('QD148').expiryNoticeDays).toBe(30);
    expect(getRuleSet('QD148_1489').expiryNoticeDays).toBe(30);
    expect(getRuleSet('QD1048').mandatoryCriteriaFrom).toBe('2020-06-08');
    expect(getRuleSet('QD1048').taxonomy).toBe('1048');
    expect(getRuleSet('QD148_1489').taxonomy).toBe('148');
  });

  it('leaves no gap between validity periods', () => {
    expect(RULE_SETS.map((r) => [r.validFrom, r.validTo])).toEqual([
      ['2019-08-21', '2023-02-23'],
      ['2023-02-24', '2025-07-05'],
      ['2025-07-06', null],
    ]);
  });
});

describe('getRuleSet', () => {
  it('rejects an unknown code with UNKNOWN_RULE_SET', () => {
    expect(() => getRuleSet('QD490')).toThrowError(DomainError);
    try {
      getRuleSet('QD490');
    } catch (error) {
      expect((error as DomainError).code).toBe('UNKNOWN_RULE_SET');
      expect((error as DomainError).params).toEqual({ ruleSet: 'QD490' });
    }
  });
});

describe('ruleSetInForce', () => {
  it('refuses a date before 1048/QĐ-TTg (2019-08-20) instead of guessing', () => {
    try {
      ruleSetInForce('2019-08-20');
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).code).toBe('DATE_BEFORE_PROGRAMME');
      expect((error as DomainError).params).toEqual({
        date: '2019-08-20',
        programmeStart: '2019-08-21',
      });
    }
  });

  it.each([
    ['2019-08-21', 'QD1048', 'province'],
    ['2023-02-23', 'QD1048', 'province'],
    ['2023-02-24', 'QD148', 'district'],
    ['2025-07-05', 'QD148', 'district'],
    ['2025-07-06', 'QD148_1489', 'province'],
  ])('on %s applies %s, where 3★ is recognised by the %s', (date, code, recogniser) => {
    const ruleSet = ruleSetInForce(date);
    expect(ruleSet.code).toBe(code);
    expect(recogniserFor(ruleSet, 3)).toBe(recogniser);
  });

  it('rejects a malformed date with INVALID_DATE', () => {
    expect(() => ruleSetInForce('2023-02-30')).toThrowError(/not a real calendar date/);
  });
});

describe('recogniserFor', () => {
  it('names the recognising level of 4★ and 5★ and none below 3★', () => {
    expect(recogniserFor('QD1048', 4)).toBe('province');
    expect(recogniserFor('QD148', 4)).toBe('province');
    expect(recogniserFor('QD148', 5)).toBe('national');
    expect(recogniserFor('QD148_1489', 5)).toBe('national');
    expect(recogniserFor('QD148', 2)).toBeNull();
    expect(recogniserFor('QD148', 1)).toBeNull();
  });
});

describe('mandatoryCriteriaApply', () => {
  it('applies 781 minimums from 2020-06-08 under 1048, and always under 148', () => {
    expect(mandatoryCriteriaApply('QD1048', '2020-06-07')).toBe(false);
    expect(mandatoryCriteriaApply('QD1048', '2020-06-08')).toBe(true);
    expect(mandatoryCriteriaApply('QD148', '2023-02-24')).toBe(true);
  });
});
