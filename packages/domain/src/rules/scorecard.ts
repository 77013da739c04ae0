/** Rating one scorecard: validate part scores, total them, award stars. */
import { DomainError } from '../errors.js';
import {
  recogniserFor,
  resolveRuleSet,
  type RecognisingLevel,
  type RuleSet,
  type RuleSetCode,
  type StarLevel,
} from './rule-sets.js';
import { isOcopLevel, starsForScore } from './star-rating.js';

/** The council stage that produced the scores. */
export type EvaluationStage = 'district' | 'province' | 'national';

/** Highest star class each council stage may award (5★ only after the ministry's decision). */
export const STAGE_MAX_STARS: Readonly<Record<EvaluationStage, StarLevel>> = Object.freeze({
  district: 3,
  province: 4,
  national: 5,
});

/** One part score as the council averaged it (decimals allowed). */
export interface PartScoreInput {
  part: string;
  score: number;
}

/** Input to {@link rateScorecard}. */
export interface ScorecardInput {
  ruleSet: RuleSet | RuleSetCode;
  /** `{ A: 30, B: 20, C: 28 }` or `[{ part: 'A', score: 30 }, …]`. */
  parts: Record<string, number> | readonly PartScoreInput[];
  /** Defaults to 'province': without a stage we never claim a 5★ the ministry has not granted. */
  stage?: EvaluationStage;
  /**
   * Mandatory criteria per star level (781/QĐ-TTg minimums, then 148 "tiêu chí bắt buộc").
   * The published lists were not found, so the caller flags each level; only `false` withholds.
   * Pass flags only where `mandatoryCriteriaApply` (rule-sets.ts) is true for the evaluation date.
   */
  mandatoryMet?: Partial<Record<1 | 2 | 3 | 4 | 5, boolean>>;
}

/** A validated part score with its maximum. */
export interface ScoredPart {
  part: string;
  score: number;
  max: number;
}

/** Result of {@link rateScorecard}. */
export interface ScorecardRating {
  ruleSetCode: RuleSetCode;
  parts: ScoredPart[];
  /** Sum of part scores rounded to 2 decimals. */
  total: number;
  /** Star class the points alone reach. */
  scoreStars: StarLevel;
  /** Stars awarded at this stage after mandatory criteria and the 5★-only-nationally rule. */
  stars: StarLevel;
  isOcop: boolean;
  /** Level that recognises `stars`; null below 3★. */
  recognisedBy: RecognisingLevel | null;
  /** ≥90 points below the national stage: "tiềm năng 5 sao", forwarded to the ministry. */
  potentialFiveStar: boolean;
  /**
   * The points reach more stars than this stage may award (district: 3★, province: 4★), so the
   * product is forwarded to the next council, which decides the higher class.
   */
  forwardedToNextStage: boolean;
  /** True when a failed mandatory criterion lowered the stars. */
  withheld: boolean;
  /** Star levels reached by points whose mandatory criteria were flagged false. */
  withheldLevels: number[];
}

function normaliseParts(parts: ScorecardInput['parts']): PartScoreInput[] {
  if (Array.isArray(parts))
    return parts.map((p: PartScoreInput) => ({ part: p.part, score: p.score }));
  return Object.entries(parts as Record<string, number>).map(([part, score]) => ({ part, score }));
}

function roundTo2(value: number): number {
  // EPSILON nudge so 52.795 (binary 52.79499…) rounds like a person would.
  return Math.round((value + Number.EPSILON * Math.abs(value)) * 100) / 100;
}

function validateParts(ruleSet: RuleSet, input: ScorecardInput['parts']): ScoredPart[] {
  const given = new Map<string, number>();
  for (const { part, score } of normaliseParts(input)) {
    const code = String(part).trim().toUpperCase();
    const definition = ruleSet.parts.find((p) => p.code === code);
    if (!definition) {
      throw new DomainError(
        'UNKNOWN_PART',
        `Part "${part}" does not exist under ${ruleSet.decision}; expected ${ruleSet.parts.map((p) => p.code).join(', ')}`,
        { part: String(part), ruleSet: ruleSet.decision },
      );
    }
    if (given.has(code)) {
      throw new DomainError('DUPLICATE_PART', `Part ${code} was given more than once`, {
        part: code,
        ruleSet: ruleSet.decision,
      });
    }
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      throw new DomainError(
        'PART_NOT_A_NUMBER',
        `Part ${code} score ${String(score)} is not a finite number`,
        {
          part: code,
          score: String(score),
          ruleSet: ruleSet.decision,
        },
      );
    }
    if (score < 0) {
      throw new DomainError('PART_NEGATIVE', `Part ${code} score ${score} is negative`, {
        part: code,
        score,
        ruleSet: ruleSet.decision,
      });
    }
    // 1048: A ≤ 35, C ≤ 40; 148/1489: A ≤ 40, C ≤ 35; B ≤ 25 in all.
    if (score > definition.max) {
      throw new DomainError(
        'PART_ABOVE_MAX',
        `Part ${code} score ${score} exceeds the maximum of ${definition.max} under ${ruleSet.decision}`,
        { part: code, score, max: definition.max, ruleSet: ruleSet.decision },
      );
    }
    given.set(code, score);
  }
  return ruleSet.parts.map((definition) => {
    const score = given.get(definition.code);
    if (score === undefined) {
      throw new DomainError(
        'PART_MISSING',
        `Part ${definition.code} score is missing (${ruleSet.decision})`,
        {
          part: definition.code,
          max: definition.max,
          ruleSet: ruleSet.decision,
        },
      );
    }
    return { part: definition.code, score, max: definition.max };
  });
}

/**
 * Rates one scorecard under a rule set.
 *
 * - Total = sum of the part averages (1048/148: "tổng điểm trung bình"), rounded to 2 decimals.
 * - `scoreStars` from the bands (≥90/70/50/30).
 * - Mandatory criteria (781, 148): star levels are cumulative (781: "4★: all 3★ requirements
 *   + …"), so a `false` flag at level L caps the award at L−1 whatever the points.
 * - 5★ exists only after the national council and the ministry's decision (1048 step 3;
 *   148/1489 "trung ương công nhận 5 sao"). Below the national stage a ≥90 total therefore
 *   awards 4★ — the highest the province can recognise — with `potentialFiveStar` true
 *   ("tiềm năng 5 sao"), unless the 5★ mandatory criteria were flagged false.
 * - A district council rates at most 3★ (148/QĐ-TTg: UBND cấp huyện công nhận 3 sao; the
 *   province recognises 4★), so at the district stage a ≥70 total awards 3★ and
 *   `forwardedToNextStage` is true; the provincial council decides 4★.
 */
export function rateScorecard(input: ScorecardInput): ScorecardRating {
  const ruleSet = resolveRuleSet(input.ruleSet);
  const stage: EvaluationStage = input.stage ?? 'province';
  const parts = validateParts(ruleSet, input.parts);
  const total = roundTo2(parts.reduce((sum, p) => sum + p.score, 0));
  const scoreStars = starsForScore(total, ruleSet);

  const flags = input.mandatoryMet ?? {};
  const withheldLevels = ([1, 2, 3, 4, 5] as const).filter(
    (level) => level <= scoreStars && flags[level] === false,
  );
  const lowestFailed = withheldLevels[0];
  const afterMandatory = (
    lowestFailed === undefined ? scoreStars : Math.max(lowestFailed - 1, 1)
  ) as StarLevel;

  const potentialFiveStar = stage !== 'national' && afterMandatory === 5;
  const stars = Math.min(afterMandatory, STAGE_MAX_STARS[stage]) as StarLevel;

  return {
    ruleSetCode: ruleSet.code,
    parts,
    total,
    scoreStars,
    stars,
    isOcop: isOcopLevel(stars),
    recognisedBy: recogniserFor(ruleSet, stars),
    potentialFiveStar,
    forwardedToNextStage: afterMandatory > stars,
    withheld: withheldLevels.length > 0,
    withheldLevels: [...withheldLevels],
  };
}
