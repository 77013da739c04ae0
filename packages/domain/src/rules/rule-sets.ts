/**
 * The national scoring rule sets as data with validity dates: a versioned rule is kept as data
 * with the dates it applies, never as one constant (1048/QĐ-TTg, then 148/QĐ-TTg, then 1489/QĐ-TTg).
 */
import { compareIso, parseIsoDate, type IsoDate } from '../dates.js';
import { DomainError } from '../errors.js';

/** 1048/QĐ-TTg (with 781 minimums), 148/QĐ-TTg, and 148 as amended by 1489/QĐ-TTg. */
export type RuleSetCode = 'QD1048' | 'QD148' | 'QD148_1489';

/** Scorecard parts: A product & community, B marketing, C quality. */
export type PartCode = 'A' | 'B' | 'C';

/** A star class 1–5. */
export type StarLevel = 1 | 2 | 3 | 4 | 5;

/** Star classes that make a product an OCOP product (certified): 3★–5★. */
export type OcopStarLevel = 3 | 4 | 5;

/** Who evaluates or recognises: district UBND, provincial UBND, or the ministry (national). */
export type RecognisingLevel = 'district' | 'province' | 'national';

/** Which product-group list applies (see product-groups.ts). */
export type Taxonomy = '1048' | '148';

/** One part of the 100-point scorecard with its maximum. */
export interface ScorecardPart {
  readonly code: PartCode;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly max: number;
}

/** Lowest total (inclusive) that reaches a star class. */
export interface StarBand {
  readonly minScore: number;
  readonly stars: StarLevel;
}

/** A versioned set of evaluation rules. */
export interface RuleSet {
  readonly code: RuleSetCode;
  /** Legal label, e.g. '1048/QĐ-TTg' or '148/QĐ-TTg (sửa đổi bởi 1489/QĐ-TTg)'. */
  readonly decision: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly validFrom: IsoDate;
  /** Last day in force (inclusive); null while still in force. */
  readonly validTo: IsoDate | null;
  readonly parts: readonly ScorecardPart[];
  /** Sorted from the highest band down; the first band whose minScore ≤ total wins. */
  readonly starBands: readonly StarBand[];
  readonly recognisers: Readonly<Record<OcopStarLevel, RecognisingLevel>>;
  readonly taxonomy: Taxonomy;
  readonly certificateValidityMonths: number;
  /** Days before expiry the issuer must notify the entity; null when the rule set sets none. */
  readonly expiryNoticeDays: number | null;
  /** From when mandatory ("tối thiểu"/"bắt buộc") criteria per star apply; null if never. */
  readonly mandatoryCriteriaFrom: IsoDate | null;
  /**
   * Whether a recognition may be decided without a council's evaluation result. False in all
   * three: the recognising body decides on the evaluation council's result (1048, 148 and 1489
   * alike). Decision-checks read it, so a future rule set that allows it needs no code change.
   */
  readonly recognitionWithoutEvaluation: boolean;
}

/** First day of the OCOP scoring programme: 1048/QĐ-TTg signed and in force on 2019-08-21. */
export const PROGRAMME_START: IsoDate = '2019-08-21';

// Same cut-offs in all three sets: ≥90 → 5★, ≥70 → 4★, ≥50 → 3★, ≥30 → 2★, else 1★
// (1048 Phụ lục; for 148 "confirmed by application": 78.1 → 4★, 92.8 → 5★ level in An Giang 2024).
const STAR_BANDS: readonly StarBand[] = Object.freeze([
  { minScore: 90, stars: 5 },
  { minScore: 70, stars: 4 },
  { minScore: 50, stars: 3 },
  { minScore: 30, stars: 2 },
  { minScore: 0, stars: 1 },
]);

function parts(a: number, b: number, c: number): readonly ScorecardPart[] {
  return Object.freeze([
    {
      code: 'A',
      nameVi: 'Sản phẩm và sức mạnh cộng đồng',
      nameEn: 'Product and community strength',
      max: a,
    },
    { code: 'B', nameVi: 'Khả năng tiếp thị', nameEn: 'Marketing capacity', max: b },
    { code: 'C', nameVi: 'Chất lượng sản phẩm', nameEn: 'Product quality', max: c },
  ] as const);
}

/** All rule sets, oldest first. Validity periods are contiguous and do not overlap. */
export const RULE_SETS: readonly RuleSet[] = Object.freeze([
  {
    code: 'QD1048',
    decision: '1048/QĐ-TTg',
    nameVi: 'Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP (1048/QĐ-TTg, sửa đổi bởi 781/QĐ-TTg)',
    nameEn: 'OCOP evaluation and classification criteria (1048/QĐ-TTg, amended by 781/QĐ-TTg)',
    validFrom: '2019-08-21', // signed and effective 21/08/2019
    validTo: '2023-02-23', // replaced by 148/QĐ-TTg on 24/02/2023
    parts: parts(35, 25, 40), // 1048: A 35, B 25, C 40
    starBands: STAR_BANDS,
    recognisers: { 3: 'province', 4: 'province', 5: 'national' }, // 1048: UBND tỉnh 3–4★, MARD 5★
    taxonomy: '1048',
    certificateValidityMonths: 36,
    expiryNoticeDays: null, // 1048 sets no expiry notice
    mandatoryCriteriaFrom: '2020-06-08', // 781/QĐ-TTg added minimum criteria per star
    recognitionWithoutEvaluation: false,
  },
  {
    code: 'QD148',
    decision: '148/QĐ-TTg',
    nameVi: 'Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm OCOP (148/QĐ-TTg)',
    nameEn: 'OCOP evaluation criteria and procedure (148/QĐ-TTg)',
    validFrom: '2023-02-24', // signed and effective 24/02/2023
    validTo: '2025-07-05', // amended by 1489/QĐ-TTg on 06/07/2025
    parts: parts(40, 25, 35), // 148: A 40, B 25, C 35
    starBands: STAR_BANDS,
    recognisers: { 3: 'district', 4: 'province', 5: 'national' }, // 148: UBND huyện 3★
    taxonomy: '148',
    certificateValidityMonths: 36,
    expiryNoticeDays: 30, // 148: issuer notifies at least 30 days before expiry
    mandatoryCriteriaFrom: '2023-02-24', // 148 marks mandatory criteria per star from the start
    recognitionWithoutEvaluation: false,
  },
  {
    code: 'QD148_1489',
    decision: '148/QĐ-TTg (sửa đổi bởi 1489/QĐ-TTg)',
    nameVi: 'Bộ tiêu chí 148/QĐ-TTg, sửa đổi bởi 1489/QĐ-TTg (chính quyền hai cấp)',
    nameEn: '148/QĐ-TTg criteria as amended by 1489/QĐ-TTg (two-tier local government)',
    validFrom: '2025-07-06', // 1489/QĐ-TTg of 06/07/2025
    validTo: null,
    parts: parts(40, 25, 35),
    starBands: STAR_BANDS,
    recognisers: { 3: 'province', 4: 'province', 5: 'national' }, // 1489: no district level
    taxonomy: '148',
    certificateValidityMonths: 36,
    expiryNoticeDays: 30, // the 148 notice rule is not removed by 1489
    mandatoryCriteriaFrom: '2025-07-06',
    recognitionWithoutEvaluation: false,
  },
] satisfies RuleSet[]);

/** True when `value` names a rule set. */
export function isRuleSetCode(value: string): value is RuleSetCode {
  return RULE_SETS.some((ruleSet) => ruleSet.code === value);
}

/** The rule set with this code; throws UNKNOWN_RULE_SET. */
export function getRuleSet(code: string): RuleSet {
  const found = RULE_SETS.find((ruleSet) => ruleSet.code === code);
  if (!found) {
    throw new DomainError(
      'UNKNOWN_RULE_SET',
      `Unknown rule set "${code}"; expected one of ${RULE_SETS.map((r) => r.code).join(', ')}`,
      { ruleSet: code },
    );
  }
  return found;
}

/** Accepts a rule set or its code. */
export function resolveRuleSet(ruleSet: RuleSet | string): RuleSet {
  return typeof ruleSet === 'string' ? getRuleSet(ruleSet) : getRuleSet(ruleSet.code);
}

/**
 * The rule set in force on a date (validity inclusive at both ends). Before 1048/QĐ-TTg
 * (2019-08-21) there is no scoring rule set, so this throws DATE_BEFORE_PROGRAMME rather than
 * guessing.
 */
export function ruleSetInForce(date: IsoDate): RuleSet {
  parseIsoDate(date);
  if (compareIso(date, PROGRAMME_START) < 0) {
    throw new DomainError(
      'DATE_BEFORE_PROGRAMME',
      `${date} is before 1048/QĐ-TTg took effect on ${PROGRAMME_START}; no OCOP rule set applies`,
      { date, programmeStart: PROGRAMME_START },
    );
  }
  const found = RULE_SETS.find(
    (ruleSet) =>
      compareIso(ruleSet.validFrom, date) <= 0 &&
      (ruleSet.validTo === null || compareIso(date, ruleSet.validTo) <= 0),
  );
  // Unreachable while RULE_SETS stays contiguous; kept so a data gap fails loudly.
  if (!found) {
    throw new DomainError('UNKNOWN_RULE_SET', `No rule set is in force on ${date}`, { date });
  }
  return found;
}

/**
 * The level that recognises (issues the certificate for) a star class, e.g. 3★ → 'province'
 * under 1048, 'district' under 148, 'province' again under 1489. Null below 3★: 1★/2★ are not
 * OCOP products and get no certificate.
 */
export function recogniserFor(
  ruleSet: RuleSet | RuleSetCode,
  stars: number,
): RecognisingLevel | null {
  const resolved = resolveRuleSet(ruleSet);
  if (stars === 3 || stars === 4 || stars === 5) return resolved.recognisers[stars];
  return null;
}

/**
 * Whether mandatory criteria per star apply to an evaluation on `date` under `ruleSet`: from
 * 781/QĐ-TTg (2020-06-08) within 1048, and throughout 148 and 1489. Before that a 1048 score alone
 * decides the stars.
 */
export function mandatoryCriteriaApply(ruleSet: RuleSet | RuleSetCode, date: IsoDate): boolean {
  const resolved = resolveRuleSet(ruleSet);
  parseIsoDate(date);
  return (
    resolved.mandatoryCriteriaFrom !== null && compareIso(resolved.mandatoryCriteriaFrom, date) <= 0
  );
}
