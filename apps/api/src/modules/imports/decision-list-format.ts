// The CSV layout of a decision list (data/seed/products-2020-2021.csv and every later list):
// decoding, the column check and per-row validation, including the decision checks every
// decision goes through (packages/domain/src/rules/decision-checks.ts). Pure: no database
// access; the importer resolves districts through the `districtExists` callback.
import {
  checkDecisionDate,
  checkRecogniser,
  checkEvaluationBasis,
  getProductGroup,
  factDateFromYearBoundedBy,
  handoverBound,
  factDateFromDay,
  type DecisionProblem,
  type FactDate,
} from '@ocop/domain';
import { ENTITY_TYPES, type EntityType } from '../entities/economic-entity.entity.js';
import { EVALUATION_LEVELS, type EvaluationLevel } from '../evaluations/evaluation.entity.js';
import { FORMULA_START } from '../shared/formula-text.js';
import { normalizeText } from '../shared/normalize-text.js';

export const DECISION_LIST_COLUMNS = [
  'product_name',
  'entity_name',
  'entity_type',
  'commune',
  'district',
  'product_group',
  'stars',
  'score',
  'level',
  'decision',
  'decision_date',
  'year',
  'batch',
  'source_url',
] as const;
type Column = (typeof DECISION_LIST_COLUMNS)[number];

export type RowStatus = 'accepted' | 'flagged' | 'rejected';

export interface ImportIssue {
  field: string;
  code: string;
  message: string;
}

export interface RowReport {
  line: number;
  status: RowStatus;
  productName: string;
  issues: ImportIssue[];
}

/** A valid row in typed form; nothing here is invented: absent facts stay null. */
export interface DecisionListRow {
  line: number;
  productName: string;
  entityName: string | null;
  entityType: EntityType | null;
  commune: string | null;
  districtName: string | null;
  group1048: string | null;
  stars: number | null;
  score: number | null;
  level: EvaluationLevel | null;
  decisionNumber: string | null;
  /** The decision's date when given, else the row's year at year precision, else null. */
  date: FactDate | null;
  year: number | null;
  batch: string | null;
  sourceUrls: string[];
}

export class ImportFileError extends Error {
  override name = 'ImportFileError';
  constructor(
    message: string,
    readonly issues: ImportIssue[],
  ) {
    super(message);
  }
}

/**
 * The text of a file, UTF-8 with or without BOM, in slices of about `sliceBytes` (a string is
 * sliced as it is): anything else (UTF-16, Windows-1258, broken bytes) is refused with an
 * ImportFileError when its bytes are reached. Decoded slice by slice so that a large upload never
 * exists as one string beside its bytes (a 20 MB list would be a 35 MB string: Vietnamese text is
 * stored two bytes a character).
 */
export function* utf8Slices(content: Buffer | string, sliceBytes: number): Generator<string> {
  if (typeof content === 'string') {
    const text = content.replace(/^\uFEFF/, '');
    for (let start = 0; start < text.length;) {
      let end = Math.min(start + sliceBytes, text.length);
      // Never split a surrogate pair (an emoji) between two slices.
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
      yield text.slice(start, end);
      start = end;
    }
    return;
  }
  if (
    (content[0] === 0xff && content[1] === 0xfe) ||
    (content[0] === 0xfe && content[1] === 0xff)
  ) {
    throw new ImportFileError(
      'The file is UTF-16; save it as UTF-8 (CSV UTF-8) and import again.',
      [
        {
          field: 'file',
          code: 'encoding',
          message: 'UTF-16 byte-order mark found; only UTF-8 is accepted',
        },
      ],
    );
  }
  // In streaming mode the decoder keeps a character cut between two slices for the next one.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new ImportFileError(
        'The file is not valid UTF-8; save it as UTF-8 (CSV UTF-8) and import again.',
        [{ field: 'file', code: 'encoding', message: 'invalid UTF-8 byte sequence' }],
      );
    }
  };
  for (let start = 0; start < content.length; start += sliceBytes) {
    const text = decode(content.subarray(start, start + sliceBytes));
    if (text) yield text;
  }
  const rest = decode();
  if (rest) yield rest;
}

export interface RawRecord {
  line: number;
  values: Partial<Record<Column, string>>;
  columnCount: number;
}

/** Checks the header's column set; a wrong set rejects the whole file. Returns the columns. */
export function checkHeader(header: string[]): string[] {
  const columns = header.map((c) => c.trim());
  const missing = DECISION_LIST_COLUMNS.filter((c) => !columns.includes(c));
  const extra = columns.filter((c) => !(DECISION_LIST_COLUMNS as readonly string[]).includes(c));
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (missing.length || extra.length || repeated.length) {
    const issues: ImportIssue[] = [
      ...missing.map((c) => ({
        field: c,
        code: 'missing_column',
        message: `column "${c}" is missing`,
      })),
      ...extra.map((c) => ({
        field: c,
        code: 'unexpected_column',
        message: `column "${c}" is not part of the format`,
      })),
      ...repeated.map((c) => ({
        field: c,
        code: 'repeated_column',
        message: `column "${c}" appears more than once`,
      })),
    ];
    const parts = [
      missing.length ? `missing: ${missing.join(', ')}` : '',
      extra.length ? `unexpected: ${extra.join(', ')}` : '',
      repeated.length ? `repeated: ${repeated.join(', ')}` : '',
    ].filter(Boolean);
    throw new ImportFileError(
      `Wrong column set (${parts.join('; ')}). Expected: ${DECISION_LIST_COLUMNS.join(', ')}.`,
      issues,
    );
  }
  return columns;
}

/** One parsed CSV record under the header's columns. */
export function toRawRecord(columns: string[], record: string[], line: number): RawRecord {
  const values: Partial<Record<Column, string>> = {};
  columns.forEach((c, i) => {
    values[c as Column] = (record[i] ?? '').trim();
  });
  return { line, values, columnCount: record.length };
}

function blankToNull(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

/** 'YYYY-MM-DD' or Vietnamese 'D/M/YYYY'. */
function parseDecisionDate(value: string): FactDate | null {
  const vi = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = vi ? `${vi[3]}-${vi[2]!.padStart(2, '0')}-${vi[1]!.padStart(2, '0')}` : value;
  try {
    return factDateFromDay(iso);
  } catch {
    return null;
  }
}

export interface ValidationContext {
  districtExists: (name: string) => boolean;
  /** Today in Vietnam (YYYY-MM-DD): no decision or year after it. */
  today: string;
  /** Keeps one copy of repeated text (districts, batches, URLs) while a large file is read. */
  intern?: (text: string) => string;
}

/** A decision check's problem as an import issue: the CSV column it is about and a stable code. */
function decisionIssue(
  problem: DecisionProblem,
  dateColumn: 'decision_date' | 'year',
): { field: string; code: string; message: string } {
  const field =
    problem.field === 'issuingLevel'
      ? 'level'
      : problem.field === 'date'
        ? dateColumn
        : problem.field === 'number'
          ? 'decision'
          : problem.field === 'evaluationIds'
            ? 'score'
            : problem.field;
  return { field, code: problem.code.toLowerCase(), message: problem.message };
}

// Rows of one list share a handful of (date, stars, level, score) combinations: their checks are
// computed once (bounded cache; the checks are pure).
const checkCache = new Map<string, ImportIssue[]>();

function decisionChecks(
  date: FactDate | null,
  stars: number | null,
  level: EvaluationLevel | null,
  score: number | null,
  today: string,
  dateColumn: 'decision_date' | 'year',
): ImportIssue[] {
  if (!date) return [];
  const key = [date.date, date.precision, stars, level, score, today, dateColumn].join('|');
  const cached = checkCache.get(key);
  if (cached) return cached;
  const dateProblems = checkDecisionDate(date, today);
  const problems =
    dateProblems.length || stars === null || level === null
      ? dateProblems
      : [
          ...checkRecogniser(date, stars, level),
          // A published list may give stars without the council's score (flagged on the item).
          ...checkEvaluationBasis({
            date,
            stars,
            evaluation: score === null ? null : { date, total: score },
            origin: 'published_list',
          }).problems,
        ];
  const issues = problems.map((p) => decisionIssue(p, dateColumn));
  if (checkCache.size >= 10_000) checkCache.clear();
  checkCache.set(key, issues);
  return issues;
}

/**
 * Validates one record. Rejected: a value that is wrong (bad star, score, level, date, group,
 * entity type, URL, unknown district, empty product name, wrong column count). Flagged: a fact the
 * source does not give (entity, district, group, star, year, source) — accepted, never filled in.
 */
export function validateRecord(
  raw: RawRecord,
  expectedColumns: number,
  ctx: ValidationContext,
): { report: RowReport; row: DecisionListRow | null } {
  const v = raw.values;
  const issues: (ImportIssue & { rejects: boolean })[] = [];
  const reject = (field: string, code: string, message: string) =>
    issues.push({ field, code, message, rejects: true });
  const flag = (field: string, code: string, message: string) =>
    issues.push({ field, code, message, rejects: false });

  if (raw.columnCount !== expectedColumns) {
    reject('row', 'column_count', `has ${raw.columnCount} values, expected ${expectedColumns}`);
  }
  const productName = v.product_name ?? '';
  if (!productName) reject('product_name', 'required', 'product name is empty');
  // CSV injection: text a spreadsheet would run as a formula is refused, not rewritten.
  for (const field of ['product_name', 'entity_name', 'commune', 'batch', 'decision'] as const) {
    if (FORMULA_START.test(v[field] ?? ''))
      reject(
        field,
        'formula',
        `"${v[field]}" starts with =, +, -, @ or a tab (spreadsheet formula)`,
      );
  }

  const entityName = blankToNull(v.entity_name);
  let entityType: EntityType | null = null;
  const rawType = blankToNull(v.entity_type);
  if (rawType && !(ENTITY_TYPES as readonly string[]).includes(rawType)) {
    reject('entity_type', 'invalid', `"${rawType}" is not one of ${ENTITY_TYPES.join(', ')}`);
  } else if (rawType) {
    entityType = rawType as EntityType;
  }
  if (!entityName) flag('entity_name', 'missing', 'entity not given by the source');
  else if (!entityType) flag('entity_type', 'missing', 'entity type not given by the source');
  if (!entityName && entityType)
    reject('entity_type', 'without_entity', 'entity type given without an entity name');

  const districtName = blankToNull(v.district);
  if (!districtName) flag('district', 'missing', 'district not given by the source');
  else if (!ctx.districtExists(districtName))
    reject('district', 'unknown', `"${districtName}" is not a district-level unit of An Giang`);

  const group1048 = blankToNull(v.product_group);
  if (!group1048) flag('product_group', 'missing', 'product group not given by the source');
  else {
    try {
      getProductGroup('1048', group1048);
    } catch {
      reject('product_group', 'unknown', `"${group1048}" is not a 1048 product group code`);
    }
  }

  let stars: number | null = null;
  const rawStars = blankToNull(v.stars);
  if (rawStars !== null) {
    if (!/^[345]$/.test(rawStars))
      reject('stars', 'invalid', `"${rawStars}" is not an OCOP star level (3, 4 or 5)`);
    else stars = Number(rawStars);
  }

  let level: EvaluationLevel | null = null;
  const rawLevel = blankToNull(v.level);
  if (rawLevel !== null) {
    if (!(EVALUATION_LEVELS as readonly string[]).includes(rawLevel))
      reject('level', 'invalid', `"${rawLevel}" is not district, province or national`);
    else level = rawLevel as EvaluationLevel;
  }
  if (stars !== null && rawLevel === null)
    reject('level', 'required_with_stars', 'a star needs the level that awarded it');
  if (stars === null && rawStars === null) {
    flag(
      'stars',
      'missing',
      level !== null
        ? 'OCOP status confirmed but the star is not given'
        : 'no star given: kept as a registered product without a decision',
    );
  }

  let year: number | null = null;
  const rawYear = blankToNull(v.year);
  if (rawYear !== null) {
    if (!/^\d{4}$/.test(rawYear) || Number(rawYear) < 2019 || Number(rawYear) > 2100)
      reject('year', 'invalid', `"${rawYear}" is not a year of the programme`);
    else year = Number(rawYear);
  } else {
    flag('year', 'missing', 'year not given by the source');
  }

  // Year-only rows count from the hand-over day their batch names, else from 31 December.
  let date: FactDate | null =
    year !== null ? factDateFromYearBoundedBy(year, handoverBound(blankToNull(v.batch))) : null;
  const rawDecisionDate = blankToNull(v.decision_date);
  if (rawDecisionDate !== null) {
    const parsed = parseDecisionDate(rawDecisionDate);
    if (!parsed)
      reject(
        'decision_date',
        'invalid',
        `"${rawDecisionDate}" is not a date (YYYY-MM-DD or D/M/YYYY)`,
      );
    else {
      date = parsed;
      if (
        year !== null &&
        Number(parsed.date.slice(0, 4)) !== year &&
        Number(parsed.date.slice(0, 4)) !== year + 1
      ) {
        reject(
          'decision_date',
          'year_mismatch',
          `decision date ${parsed.date} does not fit the round year ${year}`,
        );
      }
    }
  }
  if ((stars !== null || level !== null) && date === null)
    reject('year', 'required_with_level', 'an evaluated row needs a year or a decision date');

  let score: number | null = null;
  const rawScore = blankToNull(v.score);
  if (rawScore !== null) {
    const n = /^\d{1,3}([.,]\d+)?$/.test(rawScore)
      ? Number(rawScore.replace(',', '.'))
      : Number.NaN;
    if (!Number.isFinite(n) || n < 0 || n > 100)
      reject('score', 'invalid', `"${rawScore}" is not a score between 0 and 100`);
    else score = n;
  }

  // The checks every decision goes through (packages/domain/src/rules/decision-checks.ts): no
  // date after today or before the programme, the recogniser the rule set in force gives the
  // stars, and no more stars than the row's score reaches (a council may withhold a star for a
  // mandatory criterion, never add one).
  const dateColumn = rawDecisionDate !== null ? 'decision_date' : 'year';
  for (const issue of decisionChecks(date, stars, level, score, ctx.today, dateColumn))
    reject(issue.field, issue.code, issue.message);

  const sourceUrls = (v.source_url ?? '')
    .split(' ; ')
    .map((u) => u.trim())
    .filter(Boolean);
  if (!sourceUrls.length) flag('source_url', 'missing', 'no source given');
  for (const url of sourceUrls) {
    if (!/^https?:\/\/\S+$/.test(url))
      reject('source_url', 'invalid', `"${url}" is not an http(s) URL`);
  }

  const rejected = issues.some((i) => i.rejects);
  const status: RowStatus = rejected ? 'rejected' : issues.length ? 'flagged' : 'accepted';
  // Reasons for rejection first, then the flags.
  const ordered = [...issues.filter((i) => i.rejects), ...issues.filter((i) => !i.rejects)];
  const report: RowReport = {
    line: raw.line,
    status,
    productName,
    issues: ordered.map(({ field, code, message }) => ({ field, code, message })),
  };
  if (rejected) return { report, row: null };
  const keep = ctx.intern ?? ((text: string) => text);
  const keepOrNull = (text: string | null) => (text === null ? null : keep(text));
  return {
    report,
    row: {
      line: raw.line,
      productName,
      entityName: keepOrNull(entityName),
      entityType,
      commune: keepOrNull(blankToNull(v.commune)),
      districtName: keepOrNull(districtName),
      group1048: keepOrNull(group1048),
      stars,
      score,
      level,
      decisionNumber: keepOrNull(blankToNull(v.decision)),
      date,
      year,
      batch: keepOrNull(blankToNull(v.batch)),
      sourceUrls: sourceUrls.map(keep),
    },
  };
}

/** Natural key of a row for duplicate detection within a file. */
export function rowKey(
  row: DecisionListRow,
  normalize: (text: string) => string = normalizeText,
): string {
  return [
    normalize(row.productName),
    row.districtName ? normalize(row.districtName) : '',
    row.entityName ? normalize(row.entityName) : '',
    row.level ?? '',
    row.year ?? '',
    row.decisionNumber ?? '',
    row.date?.date ?? '',
  ].join('|');
}
