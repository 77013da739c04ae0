import { describe, expect, it } from 'vitest';
import { findRuleSet } from './rule-set';

describe('findRuleSet', () => {
  it('finds a rule set by code', () => {
    expect(findRuleSet('QD1048', null)?.parts.map((p) => p.max)).toEqual([35, 25, 40]);
  });

  it('finds a rule set by decision number', () => {
    expect(findRuleSet('1048/QĐ-TTg', null)?.code).toBe('QD1048');
    expect(findRuleSet('1048', null)?.code).toBe('QD1048');
  });

  it('falls back to the rule set in force on the evaluation date', () => {
    expect(findRuleSet('unknown', '2024-01-10')?.code).toBe('QD148');
    expect(findRuleSet(null, null)).toBeNull();
  });
});
