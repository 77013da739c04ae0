import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { rateScorecard, type ScorecardInput } from './scorecard.js';

function errorOf(input: ScorecardInput): DomainError {
  try {
    rateScorecard(input);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('rateScorecard', () => {
  it('sums decimal part averages to 2 decimals', () => {
    const rating = rateScorecard({ ruleSet: 'QD148', parts: { A: 30.333, B: 20.1, C: 27.667 } });
    expect(rating.total).toBe(78.1);
    expect(rating.parts).toEqual([
      { part: 'A', score: 30.333, max: 40 },
      { part: 'B', score: 20.1, max: 25 },
      { part: 'C', score: 27.667, max: 35 },
    ]);
  });

  it('accepts parts as a list as well as a record', () => {
    const rating = rateScorecard({
      ruleSet: 'QD148',
      parts: [
        { part: 'A', score: 30 },
        { part: 'b', score: 20 },
        { part: 'C', score: 27.6 },
      ],
    });
    expect(rating.total).toBe(77.6);
    expect(rating.stars).toBe(4);
  });

  describe('91.14 points (Thiên Vương rice, 2020)', () => {
    const parts = { A: 33, B: 22.14, C: 36 };

    it('is potential 5★ at the provincial stage and awarded 4★ there', () => {
      const rating = rateScorecard({ ruleSet: 'QD1048', parts, stage: 'province' });
      expect(rating.total).toBe(91.14);
      expect(rating.scoreStars).toBe(5);
      expect(rating.stars).toBe(4);
      expect(rating.potentialFiveStar).toBe(true);
      expect(rating.recognisedBy).toBe('province');
      expect(rating.isOcop).toBe(true);
    });

    it('is 5★, recognised nationally, only at the national stage', () => {
      const rating = rateScorecard({ ruleSet: 'QD1048', parts, stage: 'national' });
      expect(rating.stars).toBe(5);
      expect(rating.potentialFiveStar).toBe(false);
      expect(rating.recognisedBy).toBe('national');
    });

    it('treats a missing stage as provincial, never claiming an ungranted 5★', () => {
      const rating = rateScorecard({ ruleSet: 'QD1048', parts });
      expect(rating.stars).toBe(4);
      expect(rating.potentialFiveStar).toBe(true);
    });
  });

  it.each([
    [{ A: 30, B: 20, C: 28.1 }, 78.1, 4],
    [{ A: 30, B: 20, C: 27.6 }, 77.6, 4],
    [{ A: 20, B: 12.8, C: 20 }, 52.8, 3],
    [{ A: 20, B: 12.4, C: 20 }, 52.4, 3],
  ])('rates %o under 148 as %s points and %i★', (parts, total, stars) => {
    const rating = rateScorecard({ ruleSet: 'QD148', parts, stage: 'province' });
    expect(rating.total).toBe(total);
    expect(rating.stars).toBe(stars);
    expect(rating.potentialFiveStar).toBe(false);
  });

  // Issue 9: a district council cannot award 4★ (148/QĐ-TTg: district 3★, province 4★).
  it('caps the district stage at 3★ and forwards higher scores to the province', () => {
    const rating = rateScorecard({
      ruleSet: 'QD148',
      parts: { A: 30, B: 20, C: 28.1 },
      stage: 'district',
    });
    expect([rating.total, rating.scoreStars, rating.stars]).toEqual([78.1, 4, 3]);
    expect(rating.forwardedToNextStage).toBe(true);
    expect(rating.recognisedBy).toBe('district');
    const three = rateScorecard({
      ruleSet: 'QD148',
      parts: { A: 20, B: 12.8, C: 20 },
      stage: 'district',
    });
    expect([three.stars, three.forwardedToNextStage]).toEqual([3, false]);
    const five = rateScorecard({
      ruleSet: 'QD148',
      parts: { A: 35, B: 22, C: 35 },
      stage: 'district',
    });
    expect([five.stars, five.potentialFiveStar, five.forwardedToNextStage]).toEqual([
      3,
      true,
      true,
    ]);
  });

  it('says who recognises 3★ under each rule set', () => {
    const parts = { A: 20, B: 12.8, C: 20 };
    expect(rateScorecard({ ruleSet: 'QD1048', parts }).recognisedBy).toBe('province');
    expect(rateScorecard({ ruleSet: 'QD148', parts }).recognisedBy).toBe('district');
    expect(rateScorecard({ ruleSet: 'QD148_1489', parts }).recognisedBy).toBe('province');
  });

  it('gives no recogniser and no OCOP status below 3★', () => {
    const rating = rateScorecard({ ruleSet: 'QD148', parts: { A: 20, B: 10, C: 19.99 } });
    expect(rating.stars).toBe(2);
    expect(rating.isOcop).toBe(false);
    expect(rating.recognisedBy).toBeNull();
  });

  describe('mandatory criteria', () => {
    it('refuses 4★ to 72 points when the 4★ mandatory criteria are not met', () => {
      const rating = rateScorecard({
        ruleSet: 'QD148',
        parts: { A: 30, B: 17, C: 25 },
        mandatoryMet: { 4: false },
      });
      expect(rating.scoreStars).toBe(4);
      expect(rating.stars).toBe(3);
      expect(rating.withheld).toBe(true);
      expect(rating.withheldLevels).toEqual([4]);
      expect(rating.recognisedBy).toBe('district');
    });

    it('drops to 2★ when the 3★ criteria fail, even if 4★ ones are flagged met (levels are cumulative)', () => {
      const rating = rateScorecard({
        ruleSet: 'QD148',
        parts: { A: 30, B: 17, C: 25 },
        mandatoryMet: { 3: false, 4: true },
      });
      expect(rating.stars).toBe(2);
      expect(rating.isOcop).toBe(false);
      expect(rating.withheldLevels).toEqual([3]);
    });

    it('ignores flags above the level the points reach', () => {
      const rating = rateScorecard({
        ruleSet: 'QD148',
        parts: { A: 30, B: 17, C: 25 },
        mandatoryMet: { 5: false },
      });
      expect(rating.stars).toBe(4);
      expect(rating.withheld).toBe(false);
      expect(rating.withheldLevels).toEqual([]);
    });

    it('removes the potential 5★ when the 5★ criteria fail (2020: Vibigaba, Palmania)', () => {
      const rating = rateScorecard({
        ruleSet: 'QD1048',
        parts: { A: 33, B: 22, C: 37 },
        stage: 'national',
        mandatoryMet: { 5: false },
      });
      expect(rating.stars).toBe(4);
      expect(rating.potentialFiveStar).toBe(false);
      expect(rating.withheld).toBe(true);
    });
  });

  describe('part limits', () => {
    it('rejects part A 38 under 1048 (max 35) and accepts it under 148 (max 40)', () => {
      const error = errorOf({ ruleSet: 'QD1048', parts: { A: 38, B: 20, C: 30 } });
      expect(error.code).toBe('PART_ABOVE_MAX');
      expect(error.message).toBe('Part A score 38 exceeds the maximum of 35 under 1048/QĐ-TTg');
      expect(error.params).toEqual({ part: 'A', score: 38, max: 35, ruleSet: '1048/QĐ-TTg' });
      expect(rateScorecard({ ruleSet: 'QD148', parts: { A: 38, B: 20, C: 30 } }).total).toBe(88);
    });

    it('rejects part C 38 under 148 (max 35) and accepts it under 1048 (max 40)', () => {
      const error = errorOf({ ruleSet: 'QD148', parts: { A: 30, B: 20, C: 38 } });
      expect(error.code).toBe('PART_ABOVE_MAX');
      expect(error.params).toMatchObject({ part: 'C', score: 38, max: 35 });
      expect(rateScorecard({ ruleSet: 'QD1048', parts: { A: 30, B: 20, C: 38 } }).total).toBe(88);
      expect(errorOf({ ruleSet: 'QD148_1489', parts: { A: 30, B: 20, C: 38 } }).code).toBe(
        'PART_ABOVE_MAX',
      );
    });

    it('accepts every part at exactly its maximum (100 points)', () => {
      expect(
        rateScorecard({ ruleSet: 'QD1048', parts: { A: 35, B: 25, C: 40 }, stage: 'national' })
          .stars,
      ).toBe(5);
    });

    it.each([
      [{ A: -1, B: 20, C: 30 }, 'PART_NEGATIVE'],
      [{ A: Number.NaN, B: 20, C: 30 }, 'PART_NOT_A_NUMBER'],
      [{ A: Number.POSITIVE_INFINITY, B: 20, C: 30 }, 'PART_NOT_A_NUMBER'],
      [{ A: '30' as unknown as number, B: 20, C: 30 }, 'PART_NOT_A_NUMBER'],
      [{ A: 30, B: 20 }, 'PART_MISSING'],
      [{ A: 30, B: 20, C: 30, D: 1 }, 'UNKNOWN_PART'],
    ])('rejects %o with %s', (parts, code) => {
      expect(errorOf({ ruleSet: 'QD148', parts }).code).toBe(code);
    });

    it('rejects a part given twice and an unknown rule set', () => {
      expect(
        errorOf({
          ruleSet: 'QD148',
          parts: [
            { part: 'A', score: 1 },
            { part: 'A', score: 2 },
          ],
        }).code,
      ).toBe('DUPLICATE_PART');
      expect(errorOf({ ruleSet: 'QD999' as 'QD148', parts: { A: 1, B: 1, C: 1 } }).code).toBe(
        'UNKNOWN_RULE_SET',
      );
    });
  });
});
