// What a GraphQL request's errors write to the log. Errors raised on purpose (input, rules, sign-in)
// are answers, not incidents: nothing. STORAGE_UNAVAILABLE (db/storage-errors.ts: the database
// read-only, full, unreachable, too slow or busy) is an operational condition the answer already
// tells the client to retry: one `warn` line per request with its reason and the driver's words,
// without a stack (it points into the driver, and the same failure repeats on every request until
// the storage is fixed). Anything else is a bug: `error` with the whole error, stack included.
import type { GraphQLError } from 'graphql';
import { storageFailureOf, type StorageFailure } from '../db/storage-errors.js';
import { scrubText } from '../http/logging.js';
import { API_ERROR_CODES, isUnexpected } from './errors.js';

export interface RequestErrorLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RequestErrorMeta {
  requestId?: string;
  operationName?: string | null;
}

/**
 * The driver's code (SQLITE_READONLY, ECONNREFUSED, a SQLSTATE…) and own words, from the error or
 * its causes. knex writes the failed statement, values included, in front of the driver's message
 * (`<statement> - <message>`): only the part after it is kept, so no row's values reach the log.
 */
function driverFailure(error: unknown): { dbCode?: string; detail?: string } {
  let dbCode: string | undefined;
  let message: string | undefined;
  const seen = new Set<unknown>();
  let current = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; previous?: unknown };
    if (typeof e.code === 'string') dbCode ??= e.code;
    if (typeof e.message === 'string' && e.message) message = e.message;
    current = e.previous ?? e.cause;
  }
  if (message === undefined) return { dbCode };
  const line = message.split('\n')[0]!;
  const words = line.includes(' - ') ? line.slice(line.lastIndexOf(' - ') + 3) : line;
  return { dbCode, detail: scrubText(words.slice(0, 300)) };
}

/** The one warn line of a request answered STORAGE_UNAVAILABLE (here and http/error-bodies.ts). */
export function logStorageUnavailable(
  log: Pick<RequestErrorLogger, 'warn'>,
  reason: StorageFailure,
  error: unknown,
  context: Record<string, unknown> = {},
): void {
  log.warn(
    { ...context, code: API_ERROR_CODES.STORAGE_UNAVAILABLE, reason, ...driverFailure(error) },
    `storage unavailable (${reason}): answered STORAGE_UNAVAILABLE`,
  );
}

export function logRequestErrors(
  log: RequestErrorLogger,
  errors: readonly GraphQLError[],
  meta: RequestErrorMeta,
): void {
  const context = { reqId: meta.requestId, operationName: meta.operationName };
  let storageLogged = false;
  for (const error of errors) {
    if (!isUnexpected(error)) continue;
    const original = error.originalError ?? error;
    const reason = storageFailureOf(original);
    if (reason) {
      if (storageLogged) continue;
      storageLogged = true;
      logStorageUnavailable(log, reason, original, context);
    } else {
      log.error({ ...context, err: original }, 'unexpected error in a GraphQL request');
    }
  }
}
