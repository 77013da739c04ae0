/**
 * Typed errors thrown by the domain. The API maps `code` to a GraphQL `extensions.code` and a
 * Vietnamese message (apps/api/src/graphql/errors.ts), so every value a message mentions is also in `params`.
 */

/** Stable error codes. Never rename one: the API and web translations key on them. */
export const DOMAIN_ERROR_CODES = [
  /** A date falls before 1048/QĐ-TTg (2019-08-21), so no rule set applies. */
  'DATE_BEFORE_PROGRAMME',
  /** A rule-set code that is not in `RULE_SETS`. */
  'UNKNOWN_RULE_SET',
  /** A part score above the part's maximum in the rule set (e.g. A > 35 under 1048). */
  'PART_ABOVE_MAX',
  /** A part score below zero. */
  'PART_NEGATIVE',
  /** A part score that is not a finite number (NaN, Infinity, a string). */
  'PART_NOT_A_NUMBER',
  /** A part the rule set requires was not given. */
  'PART_MISSING',
  /** A part code the rule set does not have. */
  'UNKNOWN_PART',
  /** The same part was given twice. */
  'DUPLICATE_PART',
  /** A total score outside 0–100 or not a number. */
  'INVALID_SCORE',
  /** A star level outside 1–5. */
  'INVALID_STARS',
  /** A string that is not a real 'YYYY-MM-DD' date, or a bad year/month. */
  'INVALID_DATE',
  /** A plan target row that cannot be read (names row and column). */
  'INVALID_TARGET',
  /** A plan target whose metric is not implemented. */
  'UNKNOWN_METRIC',
  /** A product-group code that the taxonomy does not have. */
  'UNKNOWN_PRODUCT_GROUP',
  /** An administrative-unit row that cannot be read. */
  'INVALID_UNIT',
  /** A certificate status asked for before the certificate was issued. */
  'AS_OF_BEFORE_ISSUE',
  /** A date range that ends before it starts, or a series with too many intervals. */
  'INVALID_RANGE',
] as const;

/** One of {@link DOMAIN_ERROR_CODES}. */
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** Values a translated message needs (part, score, limit, rule set, row, column…). */
export type DomainErrorParams = Record<string, string | number>;

/** The only error type the domain throws on bad input. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly params: DomainErrorParams;

  constructor(code: DomainErrorCode, message: string, params: DomainErrorParams = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.params = params;
  }
}

/** Narrows an unknown caught value to a {@link DomainError}. */
export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
