import { describe, expect, it } from 'vitest';
import { factDateFromDay, factDateFromYear } from '../dates.js';
import { RULE_SETS } from './rule-sets.js';
import {
  checkDecisionDate,
  checkDecisionItem,
  checkEvaluationBasis,
  checkRecogniser,
  checkSameDecisionDate,
  checkStarsAgainstEvaluation,
  decisionIdentity,
  evaluationReach,
  ruleSetsDuring,
} from './decision-checks.js';

const TODAY = '2025-11-30';
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('checkRecogniser (recogniser per rule set in force on the decision date)', () => {
  // [date, stars, level, expected codes]
  const vectors: [string, number, 'district' | 'province' | 'national', string[]][] = [
    // 1048/QĐ-TTg: province 3–4★, national 5★
    ['2021-04-22', 3, 'province', []],
    ['2021-04-22', 4, 'province', []],
    ['2021-04-22', 5, 'national', []],
    ['2021-04-22', 5, 'province', ['WRONG_RECOGNISER']],
    ['2021-04-22', 3, 'district', ['WRONG_RECOGNISER']],
    ['2023-02-23', 3, 'province', []], // last day of 1048
    // 148/QĐ-TTg: district 3★, province 4★, national 5★
    ['2023-02-24', 3, 'district', []],
    ['2023-02-24', 3, 'province', ['WRONG_RECOGNISER']],
    ['2024-06-01', 4, 'province', []],
    ['2024-06-01', 4, 'district', ['WRONG_RECOGNISER']],
    ['2024-06-01', 5, 'province', ['WRONG_RECOGNISER']],
    ['2025-07-05', 3, 'district', []], // last day of 148 before 1489
    // 148 as amended by 1489/QĐ-TTg: no district level
    ['2025-07-06', 3, 'district', ['WRONG_RECOGNISER']],
    ['2025-07-06', 3, 'province', []],
    ['2025-07-06', 5, 'national', []],
    // not an OCOP class
    ['2021-04-22', 2, 'province', ['STARS_NOT_OCOP']],
    ['2021-04-22', 6, 'national', ['STARS_NOT_OCOP']],
  ];
  it.each(vectors)('%s %i★ %s → %j', (date, stars, level, expected) => {
    expect(codes(checkRecogniser(date, stars, level))).toEqual(expected);
  });

  it('names the recogniser and the rule set in both languages', () => {
    const [problem] = checkRecogniser('2024-06-01', 3, 'province');
    expect(problem).toMatchObject({
      field: 'issuingLevel',
      params: { stars: 3, recogniser: 'district', issuingLevel: 'province', ruleSet: 'QD148' },
    });
    expect(problem!.message).toBe(
      '3★ is recognised at district level under 148/QĐ-TTg, not province',
    );
    expect(problem!.messageVi).toBe(
      'theo 148/QĐ-TTg, hạng 3 sao do cấp huyện công nhận, không phải cấp tỉnh',
    );
  });

  it('accepts a year-only 2023 decision at either level that year allows (1048, then 148)', () => {
    expect(ruleSetsDuring(factDateFromYear(2023)).map((r) => r.code)).toEqual(['QD1048', 'QD148']);
    expect(checkRecogniser(factDateFromYear(2023), 3, 'province')).toEqual([]);
    expect(checkRecogniser(factDateFromYear(2023), 3, 'district')).toEqual([]);
    expect(codes(checkRecogniser(factDateFromYear(2021), 3, 'district'))).toEqual([
      'WRONG_RECOGNISER',
    ]);
  });
});

describe('checkDecisionDate', () => {
  it('refuses future days and years, and days before 1048/QĐ-TTg', () => {
    expect(checkDecisionDate('2025-11-30', TODAY)).toEqual([]);
    expect(codes(checkDecisionDate('2025-12-01', TODAY))).toEqual(['DATE_IN_FUTURE']);
    expect(codes(checkDecisionDate(factDateFromYear(2099), TODAY))).toEqual(['DATE_IN_FUTURE']);
    // The current year, year-only, is stored as 31 December but may be any day of it.
    expect(checkDecisionDate(factDateFromYear(2025), TODAY)).toEqual([]);
    expect(codes(checkDecisionDate('2019-08-20', TODAY))).toEqual(['DATE_BEFORE_PROGRAMME']);
    expect(checkDecisionDate(factDateFromYear(2019), TODAY)).toEqual([]);
    expect(codes(checkDecisionDate(factDateFromYear(2018), TODAY))).toEqual([
      'DATE_BEFORE_PROGRAMME',
    ]);
  });
});

describe('checkStarsAgainstEvaluation', () => {
  it('refuses a 5★ decision on a 55-point evaluation and a 4★ on a failed 20-point one', () => {
    const fiftyFive = { date: '2021-04-07', total: 55 };
    expect(evaluationReach(fiftyFive)).toBe(3);
    expect(checkStarsAgainstEvaluation(5, fiftyFive)).toEqual([
      {
        field: 'stars',
        code: 'STARS_ABOVE_EVALUATION',
        message: '5★ is above an evaluation of 55 points (3★)',
        messageVi: '5 sao cao hơn kết quả đánh giá 55 điểm (3 sao)',
        params: { stars: 5, reach: 3, total: 55 },
      },
    ]);
    const failed = { date: '2024-05-02', total: 20, outcome: 'failed' as const };
    expect(codes(checkStarsAgainstEvaluation(4, failed))).toEqual(['STARS_ABOVE_EVALUATION']);
  });

  it('allows the band and below, and lets the council withhold but not add a star', () => {
    expect(checkStarsAgainstEvaluation(4, { date: '2021-04-07', total: 70 })).toEqual([]);
    expect(checkStarsAgainstEvaluation(3, { date: '2021-04-07', total: 91.14 })).toEqual([]);
    expect(codes(checkStarsAgainstEvaluation(4, { date: '2021-04-07', total: 69.99 }))).toEqual([
      'STARS_ABOVE_EVALUATION',
    ]);
    // 92 points but the council gave 4★ (a mandatory 5★ criterion unmet): 5★ is refused.
    expect(
      codes(checkStarsAgainstEvaluation(5, { date: '2024-05-02', total: 92, stars: 4 })),
    ).toEqual(['STARS_ABOVE_EVALUATION']);
    expect(checkStarsAgainstEvaluation(5, null)).toEqual([]);
    expect(checkStarsAgainstEvaluation(5, { date: '2024-05-02', total: null })).toEqual([]);
  });
});

describe('checkDecisionItem', () => {
  it('stops at a date problem, else reports level and evaluation problems together', () => {
    expect(
      codes(
        checkDecisionItem(
          { date: factDateFromYear(2099), stars: 5, issuingLevel: 'province' },
          TODAY,
        ),
      ),
    ).toEqual(['DATE_IN_FUTURE']);
    expect(
      codes(
        checkDecisionItem(
          {
            date: factDateFromDay('2021-04-22'),
            stars: 5,
            issuingLevel: 'province',
            evaluation: { date: '2021-04-07', total: 55 },
          },
          TODAY,
        ),
      ),
    ).toEqual(['WRONG_RECOGNISER', 'STARS_ABOVE_EVALUATION']);
    expect(
      checkDecisionItem({ date: '2022-10-10', stars: 4, issuingLevel: 'province' }, TODAY),
    ).toEqual([]);
  });
});

describe('checkEvaluationBasis (issue 11 point 3)', () => {
  it('refuses a 5★ national decision on a 55-point evaluation and 4★ on a failed 20-point one', () => {
    const onFiftyFive = checkEvaluationBasis({
      date: '2024-06-01',
      stars: 5,
      evaluation: { date: '2024-05-10', total: 55, stars: 3, outcome: 'passed' },
      origin: 'form',
    });
    expect(onFiftyFive.withoutEvaluation).toBe(false);
    expect(onFiftyFive.problems).toMatchObject([
      {
        field: 'stars',
        code: 'STARS_ABOVE_EVALUATION',
        message: '5★ is above an evaluation of 55 points (3★)',
        messageVi: '5 sao cao hơn kết quả đánh giá 55 điểm (3 sao)',
      },
    ]);
    const onFailed = checkEvaluationBasis({
      date: '2024-06-01',
      stars: 4,
      evaluation: { date: '2024-05-10', total: 20, stars: 1, outcome: 'failed' },
      origin: 'form',
    });
    expect(onFailed.problems).toMatchObject([
      { code: 'STARS_ABOVE_EVALUATION', messageVi: '4 sao cao hơn kết quả đánh giá không đạt' },
    ]);
  });

  it('accepts stars within a 78.5-point evaluation (4★ band) and below it', () => {
    const evaluation = { date: '2024-05-10', total: 78.5, stars: 4, outcome: 'passed' as const };
    for (const stars of [3, 4])
      expect(
        checkEvaluationBasis({ date: '2024-06-01', stars, evaluation, origin: 'form' }),
      ).toEqual({ problems: [], withoutEvaluation: false });
  });

  it('refuses a typed-in recognition without an evaluation result under every rule set', () => {
    for (const date of ['2021-04-22', '2024-06-01', '2025-08-01']) {
      const basis = checkEvaluationBasis({ date, stars: 4, evaluation: null, origin: 'form' });
      expect(codes(basis.problems)).toEqual(['NO_EVALUATION']);
      expect(basis.problems[0]!.field).toBe('evaluationIds');
    }
    // Stars recorded without a score (a published list's evaluation) are no result either.
    const listed = { date: '2022-10-10', total: null, stars: 4, outcome: 'passed' as const };
    expect(
      codes(
        checkEvaluationBasis({ date: '2024-06-01', stars: 4, evaluation: listed, origin: 'form' })
          .problems,
      ),
    ).toEqual(['NO_EVALUATION']);
    expect(RULE_SETS.every((r) => !r.recognitionWithoutEvaluation)).toBe(true);
  });

  it('accepts a published list without a score, flagged, but still capped by recorded stars', () => {
    expect(
      checkEvaluationBasis({
        date: '2022-10-10',
        stars: 4,
        evaluation: null,
        origin: 'published_list',
      }),
    ).toEqual({ problems: [], withoutEvaluation: true });
    const capped = checkEvaluationBasis({
      date: '2022-10-10',
      stars: 5,
      evaluation: { date: '2022-10-10', total: null, stars: 4 },
      origin: 'published_list',
    });
    expect(capped.withoutEvaluation).toBe(true);
    expect(codes(capped.problems)).toEqual(['STARS_ABOVE_EVALUATION']);
  });
});

describe('decision identity (number + issuing level)', () => {
  it('ignores spacing and letter case but not the level', () => {
    expect(decisionIdentity(' 912/QĐ-UBND ', 'province')).toBe(
      decisionIdentity('912/qđ-ubnd', 'province'),
    );
    expect(decisionIdentity('912/QĐ-UBND', 'province')).not.toBe(
      decisionIdentity('912/QĐ-UBND', 'district'),
    );
  });

  it('refuses a second date for one decision', () => {
    expect(checkSameDecisionDate('912/QĐ-UBND', 'province', '2023-04-20', '2023-04-20')).toEqual(
      [],
    );
    const [problem] = checkSameDecisionDate('912/QĐ-UBND', 'province', '2023-04-20', '2023-05-02');
    expect(problem).toMatchObject({
      field: 'date',
      code: 'DECISION_DATE_CONFLICT',
      message: 'decision 912/QĐ-UBND (province) is dated 2023-04-20, not 2023-05-02',
    });
  });
});
