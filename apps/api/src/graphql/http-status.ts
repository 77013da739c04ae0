// The one mapping from an error code to the HTTP status of a GraphQL response (documented in the
// README). A response that carries data (some fields answered) stays 200, as GraphQL over HTTP
// says; a response without data takes the status of its first error's code.
import type { ApolloServerPlugin } from '@apollo/server';

export const HTTP_STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  VERSION_CONFLICT: 409,
  DUPLICATE: 409,
  TOO_MANY_ATTEMPTS: 429,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
  STORAGE_UNAVAILABLE: 503,
};

/** Every other code (query, input and rule errors: VALIDATION_FAILED, QUERY_TOO_COMPLEX, …) is the client's request: 400. */
export const DEFAULT_ERROR_STATUS = 400;

export function httpStatusForCode(code: unknown): number {
  return (typeof code === 'string' && HTTP_STATUS_BY_CODE[code]) || DEFAULT_ERROR_STATUS;
}

const hasData = (data: unknown) =>
  !!data &&
  typeof data === 'object' &&
  Object.values(data as Record<string, unknown>).some((v) => v !== null);

export function httpStatusPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          if (rc.response.body.kind !== 'single') return;
          const { errors, data } = rc.response.body.singleResult;
          if (!errors?.length) return;
          rc.response.http.status = hasData(data)
            ? 200
            : httpStatusForCode(errors[0]!.extensions?.code);
          // An error that says when to try again (STORAGE_UNAVAILABLE while the database is busy)
          // says it in the header too, for clients that read only the status line and headers.
          const retryAfter = errors[0]!.extensions?.retryAfterSeconds;
          if (
            !hasData(data) &&
            typeof retryAfter === 'number' &&
            !rc.response.http.headers.has('retry-after')
          )
            rc.response.http.headers.set('retry-after', String(retryAfter));
        },
      };
    },
  };
}
