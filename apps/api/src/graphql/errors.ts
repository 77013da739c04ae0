// The one place that turns thrown errors into GraphQL errors (CONTRIBUTING.md, "Errors"): every error the API
// returns has a stable `extensions.code`, an English `message`, and `extensions.messageVi` /
// `extensions.messageEn` for people. Unknown errors are masked; their details go to the log.
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { storageFailureOf, type StorageFailure } from '../db/storage-errors.js';

/** Codes the API itself raises (domain codes come from @ocop/domain DOMAIN_ERROR_CODES). */
export const API_ERROR_CODES = {
  /** Cost (complexity) over GRAPHQL_MAX_COST. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** Selection depth over GRAPHQL_MAX_DEPTH. */
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  /** More aliases than GRAPHQL_MAX_ALIASES. */
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  /** More lexical tokens than GRAPHQL_MAX_TOKENS. */
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  /** One field selected more than MAX_SAME_FIELD times in one selection set (limits.ts). */
  DUPLICATE_FIELDS: 'DUPLICATE_FIELDS',
  /** `first` missing or outside 1–100 on a connection. */
  PAGE_SIZE_OUT_OF_RANGE: 'PAGE_SIZE_OUT_OF_RANGE',
  /** A cursor the API did not issue. */
  INVALID_CURSOR: 'INVALID_CURSOR',
  /** An argument value that is well-typed but not acceptable (unknown code, bad id). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** Anything unexpected; details are logged, not returned. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** The operation needs a signed-in user (no, expired or revoked bearer token). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Signed in, but the role or its unit/department does not allow this. */
  FORBIDDEN: 'FORBIDDEN',
  /** An input value is refused; `extensions.field` names it. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** The record changed since the client read it; `extensions.current` holds its current values. */
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  /**
   * A record with the same natural key (e.g. an evaluation of the product at that level and day)
   * exists with other values; `extensions.field` names the input, `existingId` the record.
   */
  DUPLICATE: 'DUPLICATE',
  /** The record the operation targets does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** Unknown email or wrong password (deliberately the same error). */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** Too many failed sign-ins for this email or address; retry later. */
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  /** Too many requests from this address or user in the last minute; `extensions.retryAfterSeconds` says when to retry. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** GET /graphql?id= names no trusted document (`extensions.field` is `id`): send the text as POST. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** A mutation asked over GET (by id): mutations are POST only. */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** The database cannot take the request now (read-only, full, unreachable, too slow, busy with another write); retry later. */
  STORAGE_UNAVAILABLE: 'STORAGE_UNAVAILABLE',
} as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES];

/** An error the API raises on purpose, with both languages. */
export function apiError(
  code: ApiErrorCode,
  messages: { en: string; vi: string },
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(messages.en, {
    extensions: {
      code,
      messageEn: messages.en,
      messageVi: messages.vi,
      ...extra,
    },
  });
}

/** VALIDATION_FAILED naming the input field (dotted path, e.g. "input.parts.A"). */
export function validationFailed(
  field: string,
  messages: { en: string; vi: string },
  extra: Record<string, unknown> = {},
): GraphQLError {
  return apiError(API_ERROR_CODES.VALIDATION_FAILED, messages, { field, ...extra });
}

export function notFound(recordType: string, id: string | number, field = 'id'): GraphQLError {
  return apiError(
    API_ERROR_CODES.NOT_FOUND,
    {
      en: `${recordType} ${id} does not exist.`,
      vi: `Không tìm thấy ${RECORD_TYPES_VI[recordType] ?? recordType} ${id}.`,
    },
    { field, recordType },
  );
}

/** DUPLICATE: another record already holds this natural key (`field` names the input). */
export function duplicate(
  recordType: string,
  field: string,
  messages: { en: string; vi: string },
  existingId: string | number | null = null,
): GraphQLError {
  return apiError(API_ERROR_CODES.DUPLICATE, messages, {
    field,
    recordType,
    ...(existingId === null ? {} : { existingId: String(existingId) }),
  });
}

export function versionConflict(recordType: string, current: unknown): GraphQLError {
  return apiError(
    API_ERROR_CODES.VERSION_CONFLICT,
    {
      en: `This ${recordType} was changed by someone else since you opened it; review the current values and try again.`,
      vi: `${capitalise(RECORD_TYPES_VI[recordType] ?? recordType)} đã được người khác sửa sau khi bạn mở; hãy xem giá trị hiện tại và thử lại.`,
    },
    { recordType, current },
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Vietnamese nouns for record types named in messages. */
export const RECORD_TYPES_VI: Record<string, string> = {
  Entity: 'chủ thể',
  Product: 'sản phẩm',
  Evaluation: 'kết quả đánh giá',
  Decision: 'quyết định',
  Activity: 'hoạt động',
  Task: 'nhiệm vụ',
  User: 'người dùng',
  Session: 'phiên đăng nhập',
  ImportRun: 'lần nhập dữ liệu',
  Department: 'sở, ngành',
  AdminUnit: 'đơn vị hành chính',
};

interface DomainErrorLike {
  name: 'DomainError';
  code: string;
  message: string;
  params: Record<string, string | number>;
}

// Duck-typed so a second copy of @ocop/domain (e.g. under vitest) is still recognised.
function isDomainErrorLike(e: unknown): e is DomainErrorLike {
  return (
    e instanceof Error &&
    e.name === 'DomainError' &&
    typeof (e as { code?: unknown }).code === 'string'
  );
}

/** True for errors nobody raised on purpose (they are masked and logged). */
export function isUnexpected(error: GraphQLError): boolean {
  const original = error.originalError;
  if (!original) return false;
  if (isDomainErrorLike(original)) return false;
  if (original instanceof GraphQLError) return false;
  return !(original as { extensions?: { code?: unknown } }).extensions?.code;
}

const p = (params: Record<string, string | number>, key: string) => String(params[key] ?? '?');

/** Vietnamese texts for the domain's stable codes; the English text is the domain's own message. */
const DOMAIN_MESSAGES_VI: Record<string, (params: Record<string, string | number>) => string> = {
  DATE_BEFORE_PROGRAMME: (x) =>
    `Ngày ${p(x, 'date')} trước khi có Chương trình OCOP (QĐ 1048/QĐ-TTg, 21/8/2019).`,
  UNKNOWN_RULE_SET: (x) => `Không có bộ tiêu chí "${p(x, 'ruleSet')}".`,
  PART_ABOVE_MAX: (x) =>
    `Điểm phần ${p(x, 'part')} (${p(x, 'score')}) vượt mức tối đa ${p(x, 'max')} của bộ tiêu chí ${p(x, 'ruleSet')}.`,
  PART_NEGATIVE: (x) => `Điểm phần ${p(x, 'part')} không được âm.`,
  PART_NOT_A_NUMBER: (x) => `Điểm phần ${p(x, 'part')} không phải là số.`,
  PART_MISSING: (x) => `Thiếu điểm phần ${p(x, 'part')}.`,
  UNKNOWN_PART: (x) => `Bộ tiêu chí không có phần "${p(x, 'part')}".`,
  DUPLICATE_PART: (x) => `Phần ${p(x, 'part')} được nhập hai lần.`,
  INVALID_SCORE: () => 'Tổng điểm phải là số từ 0 đến 100.',
  INVALID_STARS: () => 'Hạng sao phải từ 1 đến 5.',
  INVALID_DATE: (x) => `Ngày không hợp lệ: ${p(x, 'value')}.`,
  INVALID_TARGET: () => 'Chỉ tiêu kế hoạch không đọc được.',
  UNKNOWN_METRIC: (x) => `Chưa hỗ trợ cách tính chỉ tiêu "${p(x, 'metric')}".`,
  UNKNOWN_PRODUCT_GROUP: (x) => `Không có nhóm sản phẩm "${p(x, 'group')}".`,
  INVALID_UNIT: () => 'Đơn vị hành chính không đọc được.',
  AS_OF_BEFORE_ISSUE: () => 'Ngày tra cứu trước ngày cấp giấy chứng nhận.',
  INVALID_RANGE: () =>
    'Khoảng thời gian không hợp lệ (ngày kết thúc trước ngày bắt đầu, hoặc quá nhiều khoảng).',
};

/** The input field a domain code is about, so forms can point at it (extensions.field). */
const DOMAIN_FIELDS: Record<string, (params: Record<string, string | number>) => string> = {
  DATE_BEFORE_PROGRAMME: () => 'date',
  UNKNOWN_RULE_SET: () => 'ruleSet',
  PART_ABOVE_MAX: (x) => `parts.${p(x, 'part')}`,
  PART_NEGATIVE: (x) => `parts.${p(x, 'part')}`,
  PART_NOT_A_NUMBER: (x) => `parts.${p(x, 'part')}`,
  PART_MISSING: (x) => `parts.${p(x, 'part')}`,
  UNKNOWN_PART: (x) => `parts.${p(x, 'part')}`,
  DUPLICATE_PART: (x) => `parts.${p(x, 'part')}`,
  INVALID_STARS: () => 'stars',
  INVALID_DATE: () => 'date',
  UNKNOWN_PRODUCT_GROUP: () => 'group',
};

const API_MESSAGES_VI: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: 'Truy vấn GraphQL sai cú pháp.',
  GRAPHQL_VALIDATION_FAILED: 'Truy vấn GraphQL không hợp lệ với lược đồ.',
  BAD_USER_INPUT: 'Giá trị tham số không hợp lệ.',
  BAD_REQUEST: 'Yêu cầu không hợp lệ (gửi truy vấn bằng POST với Content-Type: application/json).',
  OPERATION_RESOLUTION_FAILURE: 'Không xác định được thao tác cần chạy.',
  PERSISTED_QUERY_NOT_FOUND: 'Không tìm thấy truy vấn đã lưu.',
  INTERNAL_SERVER_ERROR: 'Lỗi máy chủ. Vui lòng thử lại sau.',
  INVALID_DATE: 'Ngày phải là ngày có thật, viết theo dạng YYYY-MM-DD.',
};

// graphql-js 16 spells it "more that"; accept both.
const TOKENS_RE = /Document contains more tha[nt] (\d+) tokens/;
const ALIASES_RE = /^Too many aliases: /;
const DUPLICATES_RE = /^Field ".*" is selected \d+ times in one selection set/;
/** graphql-js gives up on a document: its error limit (100) or its work budget. */
const ABORTED_RE = /Validation aborted\.$/;

/**
 * Apollo `formatError`: maps domain errors and GraphQL validation/parse errors to stable codes,
 * keeps intended API errors, masks the rest. `log` receives the original of masked errors.
 */
export function createFormatError(log: (err: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code as string | undefined;

    if (isDomainErrorLike(original)) {
      const vi = DOMAIN_MESSAGES_VI[original.code]?.(original.params) ?? original.message;
      return {
        ...formatted,
        message: original.message,
        extensions: {
          code: original.code,
          messageEn: original.message,
          messageVi: vi,
          params: original.params,
          ...(DOMAIN_FIELDS[original.code]
            ? { field: DOMAIN_FIELDS[original.code]!(original.params) }
            : {}),
        },
      };
    }

    const tokens = TOKENS_RE.exec(formatted.message);
    if (tokens) {
      return withCode(
        formatted,
        API_ERROR_CODES.TOO_MANY_TOKENS,
        {
          en: `Query has more than ${tokens[1]} tokens (limit ${tokens[1]}).`,
          vi: `Truy vấn có quá ${tokens[1]} token (giới hạn ${tokens[1]}).`,
        },
        { limit: Number(tokens[1]) },
      );
    }

    // Apollo re-codes every validation error as GRAPHQL_VALIDATION_FAILED; restore ours.
    if (ALIASES_RE.test(formatted.message) || DUPLICATES_RE.test(formatted.message)) {
      return {
        ...formatted,
        extensions: {
          ...formatted.extensions,
          code: ALIASES_RE.test(formatted.message)
            ? API_ERROR_CODES.TOO_MANY_ALIASES
            : API_ERROR_CODES.DUPLICATE_FIELDS,
          messageEn: formatted.message,
        },
      };
    }
    if (ABORTED_RE.test(formatted.message)) {
      return withCode(
        formatted,
        'GRAPHQL_VALIDATION_FAILED',
        {
          en: 'The query was not checked to the end: it has too many errors or too many repeated or conflicting fields. Fix the errors listed before this one, select each field once, and try again.',
          vi: 'Truy vấn không được kiểm tra hết: có quá nhiều lỗi hoặc quá nhiều trường lặp lại hay mâu thuẫn nhau. Hãy sửa các lỗi nêu trước lỗi này, chọn mỗi trường một lần rồi thử lại.',
        },
        {},
      );
    }

    // Errors raised on purpose (ours, Apollo's parse/validation/CSRF errors, scalar errors) keep
    // their code; anything else, including INTERNAL_SERVER_ERROR, is masked and logged.
    if (code && code !== API_ERROR_CODES.INTERNAL_SERVER_ERROR) {
      const ext = { ...(formatted.extensions ?? {}) };
      // Variable coercion errors ('… at "input.parts[0].score"; Float cannot …') name the field.
      const at =
        (code === 'BAD_USER_INPUT' || code === 'INVALID_DATE') && !ext.field
          ? /got invalid value .* at "([^"]+)"/.exec(formatted.message)
          : null;
      if (at) ext.field = at[1];
      const { http: _http, stacktrace: _stack, ...rest } = ext as Record<string, unknown>;
      return {
        ...formatted,
        extensions: {
          ...rest,
          code,
          messageEn: (ext.messageEn as string | undefined) ?? formatted.message,
          messageVi:
            (ext.messageVi as string | undefined) ?? API_MESSAGES_VI[code] ?? formatted.message,
        },
      };
    }
    const storage = storageFailureOf(original);
    if (storage) return storageUnavailable(formatted, storage);
    log(original);
    return mask(formatted);
  };
}

const STORAGE_MESSAGES: Record<StorageFailure, { en: string; vi: string }> = {
  'read-only': {
    en: 'The database is read-only at the moment: nothing can be saved. Reading still works; try again later.',
    vi: 'Cơ sở dữ liệu đang ở chế độ chỉ đọc: chưa thể lưu. Vẫn xem được dữ liệu; vui lòng thử lại sau.',
  },
  full: {
    en: 'The database storage is full: nothing can be saved. Try again later.',
    vi: 'Bộ nhớ của cơ sở dữ liệu đã đầy: chưa thể lưu. Vui lòng thử lại sau.',
  },
  unreachable: {
    en: 'The database cannot be reached at the moment. Try again later.',
    vi: 'Hiện không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau.',
  },
  timeout: {
    en: 'The database did not answer in time. Try again later.',
    vi: 'Cơ sở dữ liệu không phản hồi kịp. Vui lòng thử lại sau.',
  },
  busy: {
    en: 'The database is busy saving another change (e.g. an import): nothing was saved. Try again in a moment.',
    vi: 'Cơ sở dữ liệu đang bận lưu một thay đổi khác (ví dụ một lần nhập dữ liệu): chưa lưu gì. Vui lòng thử lại sau giây lát.',
  },
};

/** Retry-After (seconds) of a STORAGE_UNAVAILABLE answer, when waiting a moment is likely to help. */
const STORAGE_RETRY_AFTER_SECONDS: Partial<Record<StorageFailure, number>> = { busy: 2 };

/** The message and extensions of a STORAGE_UNAVAILABLE answer (also sent by http/error-bodies.ts). */
export function storageUnavailableError(reason: StorageFailure) {
  const messages = STORAGE_MESSAGES[reason];
  const retryAfter = STORAGE_RETRY_AFTER_SECONDS[reason];
  return {
    message: messages.en,
    extensions: {
      code: API_ERROR_CODES.STORAGE_UNAVAILABLE,
      reason,
      messageEn: messages.en,
      messageVi: messages.vi,
      ...(retryAfter ? { retryAfterSeconds: retryAfter } : {}),
    },
  };
}

function storageUnavailable(
  formatted: GraphQLFormattedError,
  reason: StorageFailure,
): GraphQLFormattedError {
  const { message, extensions } = storageUnavailableError(reason);
  return {
    message,
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions,
  };
}

function withCode(
  formatted: GraphQLFormattedError,
  code: ApiErrorCode | 'GRAPHQL_VALIDATION_FAILED',
  messages: { en: string; vi: string },
  extra: Record<string, unknown>,
): GraphQLFormattedError {
  return {
    ...formatted,
    message: messages.en,
    extensions: { code, messageEn: messages.en, messageVi: messages.vi, ...extra },
  };
}

function mask(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const en = 'Internal server error. Please try again later.';
  return {
    message: en,
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: {
      code: API_ERROR_CODES.INTERNAL_SERVER_ERROR,
      messageEn: en,
      messageVi: API_MESSAGES_VI.INTERNAL_SERVER_ERROR,
    },
  };
}
