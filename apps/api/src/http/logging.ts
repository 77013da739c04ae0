// Log hygiene (issue 11, point 9). The request log must never hold what would let its reader sign
// in as someone: passwords, argon2 password hashes, bearer tokens and their sha256 hashes. Three
// layers: pino `redact` for known places (headers, password/token fields of logged objects), an
// error serializer that scrubs every string of an error (a database error's message and SQL can
// carry the row it failed to write, e.g. a user's password hash), and a request serializer that
// drops query-string secrets (a GraphQL GET carries its variables, a password included, in the URL).
//
// Request ids are the server's own (a random UUID per request): a client's x-request-id is not
// trusted as the id, only kept, when well-formed, as `clientRequestId` beside it (log and audit).
import { randomUUID } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';
import { lazyRequestLogger } from './lazy-request-logger.js';

const REDACTED = '[redacted]';

/** Field names whose values are secrets wherever they appear. */
const SECRET_KEY =
  /^(password|currentPassword|newPassword|passwordHash|password_hash|token|tokenHash|token_hash|authorization|cookie|set-cookie|secret|apiKey|api_key|accessToken|access_token|refreshToken|refresh_token)$/i;

/** Query-string parameters whose values are secrets (any name containing these words). */
const SECRET_PARAM = /pass|token|secret|auth|key|session|cookie|hash/i;

/** Secrets recognisable in free text: argon2 hashes, bearer tokens, sha256 token hashes. */
const SECRET_TEXT: [RegExp, string][] = [
  // $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash> (base64 without padding)
  [/\$argon2(?:id|i|d)\$[A-Za-z0-9+/=$,.-]*/g, REDACTED],
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, `$1${REDACTED}`],
  [/\b[0-9a-f]{64}\b/gi, REDACTED],
];

export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

/** A copy of `value` with secret fields and secrets in strings replaced (bounded depth). */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value))
    out[key] = SECRET_KEY.test(key) ? REDACTED : scrub(v, depth + 1);
  return out;
}

/** pino-style error object (type, message, stack, own fields, cause), scrubbed. */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return scrub(err);
  const out: Record<string, unknown> = {
    type: err.constructor?.name ?? err.name,
    message: err.message,
    stack: err.stack,
  };
  for (const [key, v] of Object.entries(err)) if (!(key in out)) out[key] = v;
  if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, depth + 1);
  return scrub(out);
}

/** The URL as logged: values of secret parameters replaced; a GraphQL GET keeps only its operationName. */
export function safeUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const path = url.slice(0, q);
  const params = new URLSearchParams(url.slice(q + 1));
  const kept = new URLSearchParams();
  for (const [key, value] of params) {
    const secret =
      path === '/graphql' ? key !== 'operationName' : SECRET_PARAM.test(key) || key === '';
    kept.append(key, secret ? 'REDACTED' : scrubText(value));
  }
  return `${path}?${kept.toString()}`;
}

/** A client's x-request-id, when it is 1–64 characters of letters, digits and ._:- (else null). */
export function clientRequestId(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._:-]{1,64}$/.test(value) ? value : null;
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
  socket?: { remotePort?: number };
}

const SECRET_PATHS = [
  'password',
  'passwordHash',
  'token',
  'tokenHash',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.passwordHash',
  '*.password_hash',
  '*.token',
  '*.tokenHash',
  '*.token_hash',
  '*.*.password',
  '*.*.passwordHash',
  '*.*.token',
];

/** Fastify options for the logger and the request id. */
export function loggingOptions(
  level: string,
  /** Where log lines go (default stdout); tests pass their own to read them. */
  stream?: { write(line: string): void },
): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader' | 'childLoggerFactory'> {
  return {
    childLoggerFactory: lazyRequestLogger,
    // Never take the id from the client: it would let a caller forge or collide log ids.
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    logger: {
      level,
      ...(stream ? { stream } : {}),
      redact: { paths: SECRET_PATHS, censor: REDACTED },
      serializers: {
        req: (request: LoggedRequest) => {
          const client = clientRequestId(request.headers['x-request-id']);
          return {
            method: request.method,
            url: safeUrl(request.url),
            host: request.host,
            remoteAddress: request.ip,
            remotePort: request.socket?.remotePort,
            ...(client ? { clientRequestId: client } : {}),
          };
        },
        err: (err: Error) =>
          serializeError(err) as { type: string; message: string; stack: string },
      },
    },
  };
}
