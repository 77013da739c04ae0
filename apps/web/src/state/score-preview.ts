import {
  isDomainError,
  mandatoryCriteriaApply,
  rateScorecard,
  ruleSetInForce,
  type EvaluationStage,
  type PartCode,
  type RuleSet,
  type ScorecardRating,
} from '@ocop/domain';
import type { EvaluationLevel } from '../graphql/types';

export type PartProblem = 'notANumber' | 'negative' | 'aboveMax';

export interface PartPreview {
  code: PartCode;
  nameVi: string;
  nameEn: string;
  /** Maximum under the rule set in force on the evaluation date. */
  max: number;
  score: number | null;
  problem: PartProblem | null;
}

export interface ScorePreview {
  /** Rule set in force on the date; null when the date is missing, invalid or before the programme. */
  ruleSet: RuleSet | null;
  dateProblem: 'missing' | 'invalid' | 'beforeProgramme' | null;
  parts: PartPreview[];
  /** The domain's rating once every part is typed and valid. */
  rating: ScorecardRating | null;
  /** False when the district level is chosen but the rule set gives districts no role (1048, 1489). */
  districtLevelAllowed: boolean;
  /** Whether mandatory criteria per star apply on the date (781/QĐ-TTg within 1048, all of 148). */
  mandatoryApplies: boolean;
}

/** Star levels whose mandatory criteria the council found unmet (empty = all met, the API's default). */
export type UnmetLevels = readonly (3 | 4 | 5)[];

const STAGES: Record<EvaluationLevel, EvaluationStage> = {
  DISTRICT: 'district',
  PROVINCE: 'province',
  NATIONAL: 'national',
};

/** Council averages are typed Vietnamese-style too ("20,5"). Empty → null. */
export function parseScore(raw: string): number | null {
  const trimmed = raw.trim().replace(',', '.');
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function ruleSetFor(date: string): Pick<ScorePreview, 'ruleSet' | 'dateProblem'> {
  if (!date) return { ruleSet: null, dateProblem: 'missing' };
  try {
    return { ruleSet: ruleSetInForce(date), dateProblem: null };
  } catch (cause) {
    if (isDomainError(cause) && cause.code === 'DATE_BEFORE_PROGRAMME')
      return { ruleSet: null, dateProblem: 'beforeProgramme' };
    return { ruleSet: null, dateProblem: 'invalid' };
  }
}

/**
 * What the council's part scores give under the rule set in force on `date`, as the user types:
 * the maxima and the rating come from @ocop/domain (ruleSetInForce, rateScorecard), the same
 * functions the API rates with, so the preview and the stored result cannot disagree.
 */
export function previewScorecard(
  date: string,
  level: EvaluationLevel,
  raw: Partial<Record<PartCode, string>>,
  unmet: UnmetLevels = [],
): ScorePreview {
  const { ruleSet, dateProblem } = ruleSetFor(date);
  if (!ruleSet)
    return {
      ruleSet,
      dateProblem,
      parts: [],
      rating: null,
      districtLevelAllowed: true,
      mandatoryApplies: false,
    };
  const mandatoryApplies = mandatoryCriteriaApply(ruleSet, date);

  const parts: PartPreview[] = ruleSet.parts.map((part) => {
    const score = parseScore(raw[part.code] ?? '');
    let problem: PartProblem | null = null;
    if (score !== null && Number.isNaN(score)) problem = 'notANumber';
    else if (score !== null && score < 0) problem = 'negative';
    else if (score !== null && score > part.max) problem = 'aboveMax';
    return {
      code: part.code,
      nameVi: part.nameVi,
      nameEn: part.nameEn,
      max: part.max,
      score,
      problem,
    };
  });

  let rating: ScorecardRating | null = null;
  if (parts.every((p) => p.score !== null && p.problem === null)) {
    const scores = Object.fromEntries(parts.map((p) => [p.code, p.score as number]));
    try {
      const mandatoryMet =
        mandatoryApplies && unmet.length > 0
          ? Object.fromEntries(unmet.map((l) => [l, false]))
          : undefined;
      rating = rateScorecard({
        ruleSet,
        parts: scores,
        stage: STAGES[level],
        ...(mandatoryMet ? { mandatoryMet } : {}),
      });
    } catch (cause) {
      if (!isDomainError(cause)) throw cause;
    }
  }
  const districtLevelAllowed =
    level !== 'DISTRICT' || Object.values(ruleSet.recognisers).includes('district');
  return { ruleSet, dateProblem, parts, rating, districtLevelAllowed, mandatoryApplies };
}

/** EvaluationInput.mandatoryCriteriaMet: every level but the unmet ones; omitted when all are met. */
export function mandatoryCriteriaMet(unmet: UnmetLevels): number[] | undefined {
  return unmet.length === 0
    ? undefined
    : [1, 2, 3, 4, 5].filter((l) => !(unmet as readonly number[]).includes(l));
}
