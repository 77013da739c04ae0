// Errors Fastify raises before GraphQL runs, answered in the GraphQL error shape (a client of
// /graphql reads one shape only): the rate limiter's 429, a body over the size limit, and the
// database failing before Apollo runs (STORAGE_UNAVAILABLE). The status comes from the one mapping
// of graphql/http-status.ts. Other errors keep Fastify's default.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { storageFailureOf } from '../db/storage-errors.js';
import { logStorageUnavailable } from '../graphql/error-log.js';
import { API_ERROR_CODES, storageUnavailableError, type ApiErrorCode } from '../graphql/errors.js';
import { httpStatusForCode } from '../graphql/http-status.js';
import { RateLimited } from './rate-limit.js';

export function graphqlErrorBody(
  code: ApiErrorCode,
  messages: { en: string; vi: string },
  extra: Record<string, unknown> = {},
) {
  return {
    errors: [
      {
        message: messages.en,
        extensions: { code, messageEn: messages.en, messageVi: messages.vi, ...extra },
      },
    ],
  };
}

/** "2.8 MB" or, under one MiB, "68 KB"; Vietnamese writes the decimal comma. */
function size(bytes: number, lang: 'en' | 'vi'): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  const mb = (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
  return `${lang === 'vi' ? mb.replace('.', ',') : mb} MB`;
}

function send(reply: FastifyReply, code: ApiErrorCode, body: object): FastifyReply {
  return reply
    .code(httpStatusForCode(code))
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(body));
}

export function registerErrorBodies(
  app: FastifyInstance,
  limits: { bodyLimit: number; importMaxBytes: number },
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof RateLimited) {
      reply.header('retry-after', String(error.retryAfterSeconds));
      return send(
        reply,
        API_ERROR_CODES.RATE_LIMITED,
        graphqlErrorBody(API_ERROR_CODES.RATE_LIMITED, error.messages(), {
          retryAfterSeconds: error.retryAfterSeconds,
          limit: error.limit,
        }),
      );
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      request.log.info({ bodyLimit: limits.bodyLimit }, 'request body over the limit');
      return send(
        reply,
        API_ERROR_CODES.VALIDATION_FAILED,
        graphqlErrorBody(
          API_ERROR_CODES.VALIDATION_FAILED,
          {
            en: `The request is larger than ${size(limits.bodyLimit, 'en')}. An import file may have at most ${size(limits.importMaxBytes, 'en')}; other arguments are far smaller.`,
            vi: `Yêu cầu lớn hơn ${size(limits.bodyLimit, 'vi')}. Tệp nhập dữ liệu tối đa ${size(limits.importMaxBytes, 'vi')}; các tham số khác nhỏ hơn nhiều.`,
          },
          { field: 'body', limitBytes: limits.bodyLimit },
        ),
      );
    }
    // The database failing outside GraphQL's execution (a GET by id reads the data version before
    // Apollo runs): the same STORAGE_UNAVAILABLE answer and warn line as inside it, not a 500
    // carrying the driver's message. An error with an HTTP status already is the request's own
    // (Fastify gives a body the client broke off, ECONNRESET, status 400), not the database's.
    const storage = error.statusCode === undefined ? storageFailureOf(error) : null;
    if (storage) {
      logStorageUnavailable(request.log, storage, error);
      const body = { errors: [storageUnavailableError(storage)] };
      const retryAfter = body.errors[0]!.extensions.retryAfterSeconds;
      if (retryAfter) reply.header('retry-after', String(retryAfter));
      return send(reply, API_ERROR_CODES.STORAGE_UNAVAILABLE, body);
    }
    // Everything else: Fastify's default handler (the parent of this one).
    throw error;
  });
}
