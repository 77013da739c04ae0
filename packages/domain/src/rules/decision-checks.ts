/**
 * The checks every recognition decision goes through, whether typed into a form (recordDecision)
 * or read from a decision list (the importer). Pure: the caller gives the facts, each check
 * returns the problems it finds (never throws), each naming the field, a stable code, an English
 * and a Vietnamese message and the values they mention.
 */
import { compareIso, parseIsoDate, type FactDate, type IsoDate } from '../dates.js';
import { PROGRAMME_START, RULE_SETS, type RecognisingLevel, type RuleSet } from './rule-sets.js';
import { starsForScore } from './star-rating.js';

/** Stable codes of the decision checks (the API and web translations may key on them). */
export type DecisionProblemCode =
  /** Stars outside the OCOP classes 3–5. */
  | 'STARS_NOT_OCOP'
  /** Decision dated before 1048/QĐ-TTg took effect (2019-08-21). */
  | 'DATE_BEFORE_PROGRAMME'
  /** Decision dated after today. */
  | 'DATE_IN_FUTURE'
  /** The issuing level is not the one the rule set in force gives these stars. */
  | 'WRONG_RECOGNISER'
  /** More stars than the evaluation the decision rests on reached. */
  | 'STARS_ABOVE_EVALUATION'
  /** One decision (number + issuing level) given two different dates. */
  | 'DECISION_DATE_CONFLICT'
  /** A recognition typed in without an evaluation result where the rule set requires one. */
  | 'NO_EVALUATION';

/** Field a problem is about, as the inputs of both callers name them. */
export type DecisionProblemField = 'stars' | 'date' | 'issuingLevel' | 'number' | 'evaluationIds';

export interface DecisionProblem {
  field: DecisionProblemField;
  code: DecisionProblemCode;
  message: string;
  messageVi: string;
  params: Record<string, string | number>;
}

/** A decision date: a day, or a month/year when the source gives no more (stored as its last day). */
export type DecisionDate = IsoDate | FactDate;

const LEVEL_VI: Record<RecognisingLevel, string> = {
  district: 'cấp huyện',
  province: 'cấp tỉnh',
  national: 'cấp quốc gia',
};

function toFact(date: DecisionDate): FactDate {
  return typeof date === 'string'
    ? { date: parseIsoDate(date), precision: 'day' }
    : { date: parseIsoDate(date.date), precision: date.precision };
}

/** First and last day a fact date may stand for (a year-only 2023 decision: 2023-01-01 … 2023-12-31). */
export function factPeriod(date: DecisionDate): { from: IsoDate; to: IsoDate } {
  const fact = toFact(date);
  if (fact.precision === 'day') return { from: fact.date, to: fact.date };
  const start =
    fact.precision === 'year' ? `${fact.date.slice(0, 4)}-01-01` : `${fact.date.slice(0, 7)}-01`;
  return { from: start, to: fact.date };
}

/**
 * The rule sets that may have been in force on a decision date: one for a day; for a month- or
 * year-only date every rule set in force during that period (2023: 1048/QĐ-TTg until 23/2, then
 * 148/QĐ-TTg), so the source's missing precision is never turned into a refusal.
 */
export function ruleSetsDuring(date: DecisionDate): RuleSet[] {
  const { from, to } = factPeriod(date);
  return RULE_SETS.filter(
    (ruleSet) =>
      compareIso(ruleSet.validFrom, to) <= 0 &&
      (ruleSet.validTo === null || compareIso(from, ruleSet.validTo) <= 0),
  );
}

/** Not before the programme (1048/QĐ-TTg, 2019-08-21) and not after `today`. */
export function checkDecisionDate(date: DecisionDate, today: IsoDate): DecisionProblem[] {
  const fact = toFact(date);
  const { from, to } = factPeriod(fact);
  if (compareIso(from, today) > 0) {
    return [
      {
        field: 'date',
        code: 'DATE_IN_FUTURE',
        message: `decision date ${fact.date} is in the future (today is ${today})`,
        messageVi: `ngày quyết định ${fact.date} ở tương lai (hôm nay là ${today})`,
        params: { date: fact.date, today },
      },
    ];
  }
  if (compareIso(to, PROGRAMME_START) < 0) {
    return [
      {
        field: 'date',
        code: 'DATE_BEFORE_PROGRAMME',
        message: `decision date ${fact.date} is before the OCOP programme started (1048/QĐ-TTg, ${PROGRAMME_START})`,
        messageVi: `ngày quyết định ${fact.date} trước khi có Chương trình OCOP (1048/QĐ-TTg, 21/8/2019)`,
        params: { date: fact.date, programmeStart: PROGRAMME_START },
      },
    ];
  }
  return [];
}

/**
 * Stars are an OCOP class (3–5) recognised by the level the rule set in force gives them:
 * 1048/QĐ-TTg 3–4★ province, 5★ national; 148/QĐ-TTg 3★ district, 4★ province, 5★ national;
 * 148 as amended by 1489/QĐ-TTg 3–4★ province, 5★ national. A month/year-only date passes when
 * any rule set of that period gives the level.
 */
export function checkRecogniser(
  date: DecisionDate,
  stars: number,
  issuingLevel: RecognisingLevel,
): DecisionProblem[] {
  if (stars !== 3 && stars !== 4 && stars !== 5) {
    return [
      {
        field: 'stars',
        code: 'STARS_NOT_OCOP',
        message: `${stars}★ is not an OCOP class (3–5)`,
        messageVi: `${stars} sao không phải hạng OCOP (3–5 sao)`,
        params: { stars },
      },
    ];
  }
  const ruleSets = ruleSetsDuring(date);
  if (!ruleSets.length || ruleSets.some((r) => r.recognisers[stars] === issuingLevel)) return [];
  const ruleSet = ruleSets[ruleSets.length - 1]!;
  const recogniser = ruleSet.recognisers[stars];
  return [
    {
      field: 'issuingLevel',
      code: 'WRONG_RECOGNISER',
      message: `${stars}★ is recognised at ${recogniser} level under ${ruleSet.decision}, not ${issuingLevel}`,
      messageVi: `theo ${ruleSet.decision}, hạng ${stars} sao do ${LEVEL_VI[recogniser]} công nhận, không phải ${LEVEL_VI[issuingLevel]}`,
      params: { stars, recogniser, issuingLevel, ruleSet: ruleSet.code },
    },
  ];
}

/** What a decision rests on: the evaluation's date, total and (when recorded) its stars. */
export interface EvaluationResult {
  date: DecisionDate;
  total: number | null;
  stars?: number | null;
  outcome?: 'passed' | 'failed' | 'unknown' | null;
}

/**
 * The stars an evaluation reached: a failed evaluation reaches none (an OCOP class needs a pass),
 * else the council's stars when recorded (a council may withhold a star for a mandatory
 * criterion, never add one), else the band of its total under the rule set in force on its date
 * (the highest band when a year-only date spans two rule sets). Null when nothing is known.
 */
export function evaluationReach(evaluation: EvaluationResult): number | null {
  if (evaluation.outcome === 'failed') return 0;
  const ruleSets = ruleSetsDuring(evaluation.date);
  const fromTotal =
    evaluation.total === null || !ruleSets.length
      ? null
      : Math.max(...ruleSets.map((r) => starsForScore(evaluation.total!, r)));
  const recorded = evaluation.stars ?? null;
  if (recorded !== null && fromTotal !== null) return Math.min(recorded, fromTotal);
  return recorded ?? fromTotal;
}

/** A decision never recognises more stars than the evaluation it rests on reached. */
export function checkStarsAgainstEvaluation(
  stars: number,
  evaluation: EvaluationResult | null | undefined,
): DecisionProblem[] {
  if (!evaluation) return [];
  const reach = evaluationReach(evaluation);
  if (reach === null || stars <= reach) return [];
  const basis =
    evaluation.outcome === 'failed'
      ? 'a failed evaluation'
      : evaluation.total !== null
        ? `an evaluation of ${evaluation.total} points (${reach}★)`
        : `an evaluation of ${reach}★`;
  const basisVi =
    evaluation.outcome === 'failed'
      ? 'kết quả đánh giá không đạt'
      : evaluation.total !== null
        ? `kết quả đánh giá ${evaluation.total} điểm (${reach} sao)`
        : `kết quả đánh giá ${reach} sao`;
  return [
    {
      field: 'stars',
      code: 'STARS_ABOVE_EVALUATION',
      message: `${stars}★ is above ${basis}`,
      messageVi: `${stars} sao cao hơn ${basisVi}`,
      params: { stars, reach, total: evaluation.total ?? '' },
    },
  ];
}

/** True when an evaluation gives a result stars can be checked against: a score or a fail. */
export function evaluationHasResult(evaluation: EvaluationResult | null | undefined): boolean {
  return !!evaluation && (evaluation.total !== null || evaluation.outcome === 'failed');
}

/** Where a decision comes from: typed into a form, or read from a published decision list. */
export type DecisionOrigin = 'form' | 'published_list';

/** What a recognition rests on, and whether it is flagged as resting on no evaluation result. */
export interface EvaluationBasis {
  problems: DecisionProblem[];
  /** No evaluation result backs the stars (allowed for a published list or by the rule set). */
  withoutEvaluation: boolean;
}

/**
 * A recognition rests on an evaluation result (a score or a fail) and never exceeds it
 * ({@link checkStarsAgainstEvaluation}). Without one it is allowed only when the decision comes
 * from a published decision list (the province published the stars without the council's score)
 * or when a rule set in force on its date allows it (`recognitionWithoutEvaluation`; none of
 * 1048/148/1489 does); it is then flagged `withoutEvaluation`. Otherwise NO_EVALUATION.
 */
export function checkEvaluationBasis(facts: {
  date: DecisionDate;
  stars: number;
  evaluation: EvaluationResult | null | undefined;
  origin: DecisionOrigin;
}): EvaluationBasis {
  if (evaluationHasResult(facts.evaluation)) {
    return {
      problems: checkStarsAgainstEvaluation(facts.stars, facts.evaluation),
      withoutEvaluation: false,
    };
  }
  const allowedBy = ruleSetsDuring(facts.date).find((r) => r.recognitionWithoutEvaluation);
  if (facts.origin === 'published_list' || allowedBy) {
    // A recorded star without a score still caps the decision (a council never adds a star).
    return {
      problems: checkStarsAgainstEvaluation(facts.stars, facts.evaluation),
      withoutEvaluation: true,
    };
  }
  const ruleSet = ruleSetsDuring(facts.date).at(-1);
  const rule = ruleSet ? ` under ${ruleSet.decision}` : '';
  const ruleVi = ruleSet ? `theo ${ruleSet.decision}, ` : '';
  return {
    problems: [
      {
        field: 'evaluationIds',
        code: 'NO_EVALUATION',
        message: `a ${facts.stars}★ recognition needs an evaluation result (a council's score)${rule}; record the evaluation first`,
        messageVi: `${ruleVi}công nhận ${facts.stars} sao phải căn cứ kết quả đánh giá (điểm của hội đồng); hãy ghi nhận kết quả đánh giá trước`,
        params: { stars: facts.stars, ruleSet: ruleSet?.code ?? '' },
      },
    ],
    withoutEvaluation: true,
  };
}

/** Everything one recognised item of a decision must satisfy. */
export interface DecisionItemFacts {
  date: DecisionDate;
  issuingLevel: RecognisingLevel;
  stars: number;
  evaluation?: EvaluationResult | null;
  /** Default 'published_list' keeps the importer's per-row call unchanged. */
  origin?: DecisionOrigin;
}

/**
 * All item checks in order: date, recogniser, evaluation basis (the date problem and a star
 * outside 3–5 stop the rest). The flag of the basis is `!evaluationHasResult(evaluation)`.
 */
export function checkDecisionItem(facts: DecisionItemFacts, today: IsoDate): DecisionProblem[] {
  const dateProblems = checkDecisionDate(facts.date, today);
  if (dateProblems.length) return dateProblems;
  const levelProblems = checkRecogniser(facts.date, facts.stars, facts.issuingLevel);
  if (levelProblems.some((p) => p.code === 'STARS_NOT_OCOP')) return levelProblems;
  const basis = checkEvaluationBasis({
    date: facts.date,
    stars: facts.stars,
    evaluation: facts.evaluation,
    origin: facts.origin ?? 'published_list',
  });
  return [...levelProblems, ...basis.problems];
}

/** A decision number as written on the decision, spaces normalised: "912/QĐ-UBND". */
export function normalizeDecisionNumber(number: string): string {
  return number.trim().replace(/\s+/g, ' ');
}

/**
 * The identity of a decision: its number and issuing level (numbers are unique per issuer and
 * year range, and a free-text batch label never splits one decision into two).
 */
export function decisionIdentity(number: string, issuingLevel: RecognisingLevel): string {
  return `${issuingLevel}|${normalizeDecisionNumber(number).toLocaleUpperCase('vi')}`;
}

/** One decision has one date: the same number and level with another date is an error. */
export function checkSameDecisionDate(
  number: string,
  issuingLevel: RecognisingLevel,
  knownDate: DecisionDate,
  newDate: DecisionDate,
): DecisionProblem[] {
  const known = toFact(knownDate);
  const given = toFact(newDate);
  if (known.date === given.date && known.precision === given.precision) return [];
  const n = normalizeDecisionNumber(number);
  return [
    {
      field: 'date',
      code: 'DECISION_DATE_CONFLICT',
      message: `decision ${n} (${issuingLevel}) is dated ${known.date}, not ${given.date}`,
      messageVi: `quyết định ${n} (${LEVEL_VI[issuingLevel]}) có ngày ${known.date}, không phải ${given.date}`,
      params: { number: n, issuingLevel, knownDate: known.date, date: given.date },
    },
  ];
}
