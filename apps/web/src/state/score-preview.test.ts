import { describe, expect, it } from 'vitest';
import { mandatoryCriteriaMet, parseScore, previewScorecard } from './score-preview';

describe('previewScorecard', () => {
  it('gives 4★ at 35+20+22 = 77 under 148/QĐ-TTg (2024-01-01), recognised by the province', () => {
    const preview = previewScorecard('2024-01-01', 'PROVINCE', { A: '35', B: '20', C: '22' });
    expect(preview.ruleSet?.code).toBe('QD148');
    expect(preview.parts.map((p) => p.max)).toEqual([40, 25, 35]);
    expect(preview.rating?.total).toBe(77);
    expect(preview.rating?.stars).toBe(4);
    expect(preview.rating?.recognisedBy).toBe('province');
  });

  it('flags part A 38 as above the maximum of 35 under 1048/QĐ-TTg (2021-01-01) and gives no rating', () => {
    const preview = previewScorecard('2021-01-01', 'PROVINCE', { A: '38', B: '20', C: '22' });
    expect(preview.ruleSet?.code).toBe('QD1048');
    expect(preview.parts[0]).toMatchObject({ code: 'A', max: 35, score: 38, problem: 'aboveMax' });
    expect(preview.rating).toBeNull();
  });

  it('gives 4★ and potential 5★ at 92 points below the national stage', () => {
    const preview = previewScorecard('2024-01-01', 'PROVINCE', { A: '38', B: '24', C: '30' });
    expect(preview.rating).toMatchObject({ total: 92, stars: 4, potentialFiveStar: true });
  });

  it('waits for every part before rating', () => {
    expect(previewScorecard('2024-01-01', 'PROVINCE', { A: '35', B: '20' }).rating).toBeNull();
  });

  it('reports a date before 1048/QĐ-TTg and a district council where the rule set gives districts no role', () => {
    expect(previewScorecard('2019-01-01', 'PROVINCE', {}).dateProblem).toBe('beforeProgramme');
    expect(previewScorecard('2021-01-01', 'DISTRICT', {}).districtLevelAllowed).toBe(false);
    expect(previewScorecard('2024-01-01', 'DISTRICT', {}).districtLevelAllowed).toBe(true);
  });

  it('lowers the stars when the council found a mandatory criterion unmet, where such criteria apply', () => {
    const withheld = previewScorecard('2024-01-01', 'PROVINCE', { A: '35', B: '20', C: '22' }, [4]);
    expect(withheld.mandatoryApplies).toBe(true);
    expect(withheld.rating).toMatchObject({ scoreStars: 4, stars: 3, withheld: true });
    // Before 781/QĐ-TTg (2020-06-08) the 1048 score alone decides.
    const early = previewScorecard('2020-01-15', 'PROVINCE', { A: '30', B: '20', C: '25' }, [4]);
    expect(early.mandatoryApplies).toBe(false);
    expect(early.rating?.stars).toBe(4);
    expect(mandatoryCriteriaMet([])).toBeUndefined();
    expect(mandatoryCriteriaMet([4, 5])).toEqual([1, 2, 3]);
  });

  it('reads Vietnamese decimal commas and rejects text', () => {
    expect(parseScore('20,5')).toBe(20.5);
    expect(parseScore(' ')).toBeNull();
    expect(parseScore('abc')).toBeNaN();
  });
});
