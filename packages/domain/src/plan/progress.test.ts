import { describe, expect, it } from 'vitest';
import { factDateFromDay, factDateFromYear, type FactDate } from '../dates.js';
import { PLAN_2021_TARGETS_CSV, parseSimpleCsv } from '../test-fixtures/seed-csv.fixture.js';
import {
  emptyPlanFacts,
  type ActivityFact,
  type DecisionItemFact,
  type EvaluationFact,
  type PlanFacts,
} from './facts.js';
import { computePlanProgress, computeTargetProgress } from './progress.js';
import { parsePlanTargets, type PlanTarget } from './targets.js';

const PERIOD_2021 = { start: '2021-01-01', end: '2021-12-31' };
const TARGETS = parsePlanTargets(parseSimpleCsv(PLAN_2021_TARGETS_CSV), PERIOD_2021);

function target(code: string): PlanTarget {
  const found = TARGETS.find((t) => t.code === code);
  if (!found) throw new Error(`no target ${code}`);
  return found;
}

const day = factDateFromDay;
const evaluation = (
  id: string,
  productId: string,
  level: EvaluationFact['level'],
  date: FactDate,
  stars: number | null,
): EvaluationFact => ({
  id,
  productId,
  level,
  date,
  stars,
});
const recognise = (
  decisionId: string,
  productId: string,
  date: FactDate,
  stars: number | null,
): DecisionItemFact => ({
  decisionId,
  productId,
  date,
  issuingLevel: 'province',
  stars,
  action: 'recognise',
});
const activity = (
  id: string,
  kind: string,
  date: FactDate,
  entityIds: string[],
  productIds: string[] = [],
): ActivityFact => ({
  id,
  kind,
  date,
  entityIds,
  productIds,
  unitCode: null,
});

/**
 * Three units with 2, 1 and 0 participating entities in 2021:
 * - long-xuyen: e1 registered 2021-03-01; e2 not registered but its product p2 was evaluated
 *   at district level on 2021-05-10.
 * - chau-doc: e3 registered 2021-02-01; e5 registers only in 2022 (not in the plan year).
 * - tan-chau: e4 registered in 2020 and evaluated nothing in 2021 → 0.
 */
function participationFacts(): PlanFacts {
  return {
    ...emptyPlanFacts(),
    units: [
      { code: 'long-xuyen', name: 'Long Xuyên' },
      { code: 'chau-doc', name: 'Châu Đốc' },
      { code: 'tan-chau', name: 'Tân Châu' },
    ],
    entities: [
      { id: 'e1', unitCode: 'long-xuyen', registeredOn: day('2021-03-01') },
      { id: 'e2', unitCode: 'long-xuyen', registeredOn: null },
      { id: 'e3', unitCode: 'chau-doc', registeredOn: day('2021-02-01') },
      { id: 'e4', unitCode: 'tan-chau', registeredOn: day('2020-06-01') },
      { id: 'e5', unitCode: 'chau-doc', registeredOn: day('2022-01-05') },
    ],
    products: [
      { id: 'p1', entityId: 'e1', unitCode: 'long-xuyen' },
      { id: 'p2', entityId: 'e2', unitCode: 'long-xuyen' },
      { id: 'p3', entityId: 'e3', unitCode: 'chau-doc' },
      { id: 'p4', entityId: 'e4', unitCode: 'tan-chau' },
    ],
    evaluations: [
      evaluation('v1', 'p1', 'province', day('2021-04-07'), 3),
      evaluation('v2', 'p2', 'district', day('2021-05-10'), 4),
      evaluation('v4', 'p4', 'province', day('2020-11-20'), 3),
    ],
  };
}

describe('T3: at least 2 participating entities in every district-level unit', () => {
  it('lists units with 2, 1 and 0 entities and is not met', () => {
    const progress = computeTargetProgress(
      target('T3-ENTITIES-PER-DISTRICT'),
      participationFacts(),
      '2021-12-31',
    );
    expect(
      progress.perUnit?.map(({ unitCode, value, met, status }) => [unitCode, value, met, status]),
    ).toEqual([
      ['long-xuyen', 2, true, 'met'],
      ['chau-doc', 1, false, 'missed'],
      ['tan-chau', 0, false, 'missed'],
    ]);
    // Each unit carries its own reason: the margin against the per-unit target.
    expect(progress.perUnit?.[1]?.statusReasonCode).toBe('period_ended_unmet');
    expect(progress.perUnit?.[1]?.statusReasonParams).toMatchObject({
      actual: 1,
      target: 2,
      margin: -1,
    });
    expect(progress.actual).toBe(0); // the lowest unit
    expect(progress.numerator).toBe(1); // units meeting the target
    expect(progress.denominator).toBe(3);
    expect(progress.met).toBe(false);
    expect(progress.noData).toBe(false);
    // Last day of the plan: final, the lowest unit has 0 of 2 → missed (linear-pace-v2).
    expect(progress.status).toBe('missed');
    expect(progress.counted).toEqual(['e1', 'e2', 'e3']);
  });

  it('is met once every unit reaches 2 by the end of the year', () => {
    const facts = participationFacts();
    facts.entities.push(
      { id: 'e6', unitCode: 'chau-doc', registeredOn: day('2021-08-01') },
      { id: 'e7', unitCode: 'tan-chau', registeredOn: day('2021-08-01') },
      { id: 'e8', unitCode: 'tan-chau', registeredOn: day('2021-09-01') },
    );
    const progress = computeTargetProgress(target('T3-ENTITIES-PER-DISTRICT'), facts, '2021-12-31');
    expect(progress.perUnit?.map((u) => u.value)).toEqual([2, 2, 2]);
    expect(progress.met).toBe(true);
    expect(progress.status).toBe('met');
  });

  it('does not count a registration after the as-of date', () => {
    const progress = computeTargetProgress(
      target('T3-ENTITIES-PER-DISTRICT'),
      participationFacts(),
      '2021-04-30',
    );
    // e2's evaluation (2021-05-10) has not happened yet on 2021-04-30.
    expect(progress.perUnit?.map((u) => u.value)).toEqual([1, 1, 0]);
    // During the period each unit is judged by linear pace on its own count: 1 of 2 after a third
    // of the year is ahead of pace; 0 is behind, and below half of the expected pace.
    expect(progress.perUnit?.map((u) => u.status)).toEqual(['on_track', 'on_track', 'off_track']);
  });
});

describe('T4: share of participating entities with a provincially evaluated product', () => {
  it('counts 1 of 3 participating entities as 33.33 %', () => {
    // Participating: e1, e2, e3. Only e1's p1 had a provincial evaluation in 2021 (e4's was 2020).
    const progress = computeTargetProgress(
      target('T4-ENTITY-HAS-PRODUCT'),
      participationFacts(),
      '2021-07-02',
    );
    expect(progress.numerator).toBe(1);
    expect(progress.denominator).toBe(3);
    expect(progress.actual).toBe(33.33);
    expect(progress.ratio).toBe(0.33);
    expect(progress.met).toBe(false);
    expect(progress.status).toBe('off_track'); // 66.67 points below 100
    expect(progress.counted).toEqual(['e1']);
  });

  it('is "no data" with no participating entities: actual null, never 0 % or NaN', () => {
    const progress = computeTargetProgress(
      target('T4-ENTITY-HAS-PRODUCT'),
      emptyPlanFacts(),
      '2021-07-02',
    );
    expect(progress.numerator).toBe(0);
    expect(progress.denominator).toBe(0);
    expect(progress.actual).toBeNull();
    expect(progress.ratio).toBeNull();
    expect(progress.noData).toBe(true);
    expect(progress.met).toBe(false);
    expect(progress.status).toBe('not_started');
    expect(progress.statusReason).toBe(
      'Nothing to measure on 2021-07-02: no data yet (target 100 percent).',
    );
  });
});

describe('T5: provincial pass rate', () => {
  /** p1 3★, p3 2★, p5 no stars but recognised 3★ in 2021 → 2 of 3 = 66.67 %. */
  function passFacts(): PlanFacts {
    return {
      ...emptyPlanFacts(),
      evaluations: [
        evaluation('v1', 'p1', 'province', day('2021-04-07'), 3),
        evaluation('v3', 'p3', 'province', day('2021-04-07'), 2),
        evaluation('v5', 'p5', 'province', day('2021-04-07'), null),
        evaluation('v6', 'p6', 'district', day('2021-03-01'), 4), // district level: not in the base
      ],
      decisionItems: [recognise('d1', 'p5', day('2021-04-22'), 3)],
    };
  }

  it('counts an evaluation without stars as passed through a recognition in the period', () => {
    const progress = computeTargetProgress(target('T5-PASS-RATE'), passFacts(), '2021-07-02');
    expect(progress.numerator).toBe(2);
    expect(progress.denominator).toBe(3);
    expect(progress.actual).toBe(66.67);
    expect(progress.counted).toEqual(['p1', 'p5']);
    expect(progress.status).toBe('at_risk'); // 13.33 points below 80
  });

  it('meets 80 % exactly at 4 of 5', () => {
    const facts = passFacts();
    facts.evaluations.push(
      evaluation('v7', 'p7', 'province', day('2021-05-01'), 4),
      evaluation('v8', 'p8', 'province', day('2021-05-01'), 3),
    );
    facts.evaluations = facts.evaluations.filter((e) => e.id !== 'v3');
    facts.evaluations.push(evaluation('v9', 'p9', 'province', day('2021-05-01'), 1));
    const progress = computeTargetProgress(target('T5-PASS-RATE'), facts, '2021-07-02');
    expect([progress.numerator, progress.denominator, progress.actual]).toEqual([4, 5, 80]);
    expect(progress.met).toBe(true);
    expect(progress.status).toBe('achieved');
  });

  it('is no data, then missed after the year, when nothing was evaluated provincially', () => {
    const during = computeTargetProgress(target('T5-PASS-RATE'), emptyPlanFacts(), '2021-06-30');
    const after = computeTargetProgress(target('T5-PASS-RATE'), emptyPlanFacts(), '2022-01-15');
    expect([during.actual, during.noData, during.status]).toEqual([null, true, 'not_started']);
    expect([after.actual, after.noData, after.status]).toEqual([null, true, 'missed']);
  });
});

describe('T1: products first certified in the year, with a year-only record', () => {
  /**
   * a: first 3★ 2021-04-22 → counts. b: certified year-only 2020 and again 2021 → not first.
   * c: year-only 2021 (stored 2021-12-31) → counts only from the year's end.
   * d: 2★ in 2021 → not a certificate. e: star unknown 2021-12-10 → OCOP confirmed, counts.
   */
  const facts: PlanFacts = {
    ...emptyPlanFacts(),
    decisionItems: [
      recognise('q1', 'a', day('2021-04-22'), 3),
      recognise('q0', 'b', factDateFromYear(2020), 3),
      recognise('q2', 'b', day('2021-12-10'), 4),
      recognise('q3', 'c', factDateFromYear(2021), 3),
      recognise('q1', 'd', day('2021-04-22'), 2),
      recognise('q2', 'e', day('2021-12-10'), null),
    ],
  };

  it('leaves the year-only 2021 record out before the end of 2021', () => {
    const progress = computeTargetProgress(target('T1-CERTIFIED'), facts, '2021-06-30');
    expect(progress.actual).toBe(1);
    expect(progress.counted).toEqual(['a']);
    expect(progress.yearOnlyRecords).toBe(0);
  });

  it('counts it from 2021-12-31 and reports one year-only record used', () => {
    const progress = computeTargetProgress(target('T1-CERTIFIED'), facts, '2021-12-31');
    expect(progress.actual).toBe(3);
    expect(progress.counted).toEqual(['a', 'c', 'e']);
    expect(progress.yearOnlyRecords).toBe(1);
    expect(progress.status).toBe('missed'); // 3 of 20 on the last day: final
    expect(progress.statusReasonParams.margin).toBe(-17);
  });
});

describe('T6: star upgrades of last year’s products (5–8)', () => {
  function upgradeFacts(upgraded: number): PlanFacts {
    const items: DecisionItemFact[] = [];
    for (let i = 1; i <= upgraded; i += 1) {
      items.push(
        recognise('r2020', `u${i}`, day('2020-11-20'), 3),
        recognise('r2021', `u${i}`, day('2021-12-10'), 4),
      );
    }
    // Re-certified at the same stars, and a product first certified in 2021 then upgraded: neither counts.
    items.push(
      recognise('r2020', 'same', day('2020-11-20'), 3),
      recognise('r2021', 'same', day('2021-12-10'), 3),
    );
    items.push(
      recognise('r2021a', 'new21', day('2021-04-22'), 3),
      recognise('r2021', 'new21', day('2021-12-10'), 4),
    );
    return { ...emptyPlanFacts(), decisionItems: items };
  }

  it('is achieved but flagged above the upper bound at 9 upgrades', () => {
    const progress = computeTargetProgress(target('T6-UPGRADES'), upgradeFacts(9), '2021-12-30');
    expect(progress.actual).toBe(9);
    expect(progress.target).toBe(5);
    expect(progress.targetMax).toBe(8);
    expect(progress.met).toBe(true);
    expect(progress.aboveUpperBound).toBe(true);
    expect(progress.status).toBe('achieved');
    expect(progress.statusReason).toBe(
      'Achieved on 2021-12-30: 9 against a target of 5–8 products; above the planned upper bound of 8.',
    );
    const final = computeTargetProgress(target('T6-UPGRADES'), upgradeFacts(9), '2021-12-31');
    expect([final.status, final.aboveUpperBound, final.statusReasonParams.margin]).toEqual([
      'met',
      true,
      4,
    ]);
  });

  it('is met within the range at 6 and missed at 4 on the last day', () => {
    const six = computeTargetProgress(target('T6-UPGRADES'), upgradeFacts(6), '2021-12-31');
    expect([six.actual, six.met, six.aboveUpperBound, six.status]).toEqual([6, true, false, 'met']);
    const four = computeTargetProgress(target('T6-UPGRADES'), upgradeFacts(4), '2021-12-31');
    // Day 365 of 365: the period is over, never "at risk" (linear-pace-v2).
    expect([four.actual, four.met, four.status]).toEqual([4, false, 'missed']);
  });
});

describe('T2, T7, T8', () => {
  it('T2 counts distinct products with a national evaluation in the year', () => {
    const facts: PlanFacts = {
      ...emptyPlanFacts(),
      evaluations: [
        evaluation('n1', 'rice-1', 'national', day('2021-10-01'), 5),
        evaluation('n2', 'rice-1', 'national', day('2021-11-01'), 5),
        evaluation('n3', 'sugar', 'national', factDateFromYear(2021), null),
        evaluation('n4', 'old', 'national', day('2020-10-01'), 5),
      ],
    };
    const progress = computeTargetProgress(target('T2-NATIONAL'), facts, '2021-12-31');
    expect(progress.actual).toBe(2);
    expect(progress.counted).toEqual(['rice-1', 'sugar']);
    expect(progress.yearOnlyRecords).toBe(1);
    expect(progress.status).toBe('met');
  });

  it('T7 reaches entities through their own id or one of their products', () => {
    const facts = participationFacts();
    facts.activities = [
      activity('a1', 'capacity_training', day('2021-06-01'), ['e1']),
      activity('a2', 'capacity_training', day('2021-06-02'), [], ['p2']),
      activity('a3', 'trade_promotion', day('2021-06-03'), ['e3']),
      activity('a4', 'capacity_training', day('2020-06-03'), ['e3']),
    ];
    const progress = computeTargetProgress(target('T7-CAPACITY'), facts, '2021-07-02');
    expect([progress.numerator, progress.denominator, progress.actual]).toEqual([2, 3, 66.67]);
    expect(progress.counted).toEqual(['e1', 'e2']);
  });

  it('reports how many sample activities a figure rests on, so a target met on demo data says so', () => {
    const facts = participationFacts();
    facts.activities = [
      { ...activity('a1', 'capacity_training', day('2021-06-01'), ['e1']), sample: true },
      activity('a2', 'capacity_training', day('2021-06-02'), [], ['p2']),
      { ...activity('a3', 'capacity_training', day('2021-06-03'), ['e1']), sample: true },
      { ...activity('a4', 'trade_promotion', day('2021-06-04'), ['e3']), sample: true },
    ];
    const progress = computeTargetProgress(target('T7-CAPACITY'), facts, '2021-07-02');
    expect(progress.numerator).toBe(2);
    // a1 and a3 reach e1 (both samples); a4 is another kind and is not used.
    expect(progress.sampleRecords).toBe(2);
    expect(computeTargetProgress(target('T1-CERTIFIED'), facts, '2021-07-02').sampleRecords).toBe(
      0,
    );
  });

  it('T8 counts last year’s provincial 4★ products standardised or sent to national evaluation', () => {
    const facts: PlanFacts = {
      ...emptyPlanFacts(),
      products: [
        { id: 'k1', entityId: 'x1', unitCode: null },
        { id: 'k2', entityId: 'x2', unitCode: null },
        { id: 'k3', entityId: 'x3', unitCode: null },
        { id: 'k4', entityId: 'x4', unitCode: null },
      ],
      decisionItems: [
        recognise('r1', 'k1', day('2020-11-20'), 4),
        recognise('r1', 'k2', day('2020-11-20'), 4),
        recognise('r1', 'k3', day('2020-11-20'), 4),
        recognise('r1', 'k4', day('2020-11-20'), 3), // 3★: not in the base
      ],
      evaluations: [evaluation('n1', 'k2', 'national', day('2021-10-01'), 4)],
      activities: [
        activity('s1', 'standardisation_support', day('2021-05-01'), [], ['k1']),
        activity('s2', 'upgrade_support', day('2021-05-01'), [], ['k3']),
      ],
    };
    const progress = computeTargetProgress(target('T8-STANDARDISE-4STAR'), facts, '2021-12-31');
    expect([progress.numerator, progress.denominator, progress.actual]).toEqual([2, 3, 66.67]);
    expect(progress.counted).toEqual(['k1', 'k2']);
    expect(progress.status).toBe('missed'); // 33.33 points short of 100 when the year is over
  });
});

describe('computePlanProgress', () => {
  it('computes all 8 targets and counts statuses; nothing has started before 2021', () => {
    const plan = computePlanProgress(TARGETS, participationFacts(), '2020-12-31');
    expect(plan.targets).toHaveLength(8);
    expect(plan.statusCounts).toEqual({
      met: 0,
      achieved: 0,
      on_track: 0,
      at_risk: 0,
      off_track: 0,
      missed: 0,
      not_started: 8,
      demo_data: 0,
      no_data_source: 0,
    });
    expect(plan.targets.every((row) => row.progress.statusRule === 'linear-pace-v2')).toBe(true);
  });

  it('carries each target’s definition with its progress', () => {
    const plan = computePlanProgress(TARGETS, participationFacts(), '2021-12-31');
    expect(plan.targets[0]?.progress.definition).toBe(
      'distinct products whose first OCOP certificate (3★+) is dated in the plan year',
    );
    expect(plan.targets[0]?.progress.metric).toBe('products_first_certified');
    expect(plan.targets[0]?.progress.definitionVi).toBe(
      'số sản phẩm khác nhau có giấy chứng nhận OCOP (3 sao trở lên) đầu tiên được cấp trong năm kế hoạch',
    );
  });

  it('gives each status reason as a code with its numbers as well as in English', () => {
    const plan = computePlanProgress(TARGETS, participationFacts(), '2020-12-31');
    expect(plan.targets[0]?.progress.statusReasonCode).toBe('before_period');
    expect(plan.targets[0]?.progress.statusReasonParams).toMatchObject({
      asOf: '2020-12-31',
      periodStart: '2021-01-01',
      target: 20,
    });
  });
});
