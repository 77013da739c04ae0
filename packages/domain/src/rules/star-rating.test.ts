import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { RULE_SETS } from './rule-sets.js';
import { isOcopLevel, starsForScore } from './star-rating.js';

const BOUNDARIES: [number, number][] = [
  [0, 1],
  [29.99, 1],
  [30, 2],
  [49.99, 2],
  [50, 3],
  [69.99, 3],
  [70, 4],
  [89.99, 4],
  [90, 5],
  [100, 5],
];

describe('starsForScore', () => {
  for (const ruleSet of RULE_SETS) {
    describe(ruleSet.decision, () => {
      it.each(BOUNDARIES)('gives %s points %i★', (score, stars) => {
        expect(starsForScore(score, ruleSet)).toBe(stars);
        expect(starsForScore(score, ruleSet.code)).toBe(stars);
      });
    });
  }

  it('gives 4★ at exactly 70 points', () => {
    expect(starsForScore(70, 'QD148')).toBe(4);
  });

  it('rates An Giang examples: 91.14 → 5★ level, 78.1 and 77.6 → 4★, 52.8 and 52.4 → 3★', () => {
    expect(starsForScore(91.14, 'QD1048')).toBe(5);
    expect(starsForScore(78.1, 'QD148')).toBe(4);
    expect(starsForScore(77.6, 'QD148')).toBe(4);
    expect(starsForScore(52.8, 'QD1048')).toBe(3);
    expect(starsForScore(52.4, 'QD1048')).toBe(3);
  });

  it.each([-1, 100.01, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects a total of %s with INVALID_SCORE',
    (total) => {
      try {
        starsForScore(total, 'QD148');
        expect.unreachable();
      } catch (error) {
        expect((error as DomainError).code).toBe('INVALID_SCORE');
      }
    },
  );
});

describe('isOcopLevel', () => {
  it('counts only 3★–5★ as OCOP products', () => {
    expect([1, 2, 3, 4, 5].map((s) => isOcopLevel(s))).toEqual([false, false, true, true, true]);
    expect(isOcopLevel(null)).toBe(false);
  });
});
