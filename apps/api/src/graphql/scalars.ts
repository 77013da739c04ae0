// Date and DateTime scalars. Dates are calendar days ("YYYY-MM-DD") because the sources give
// days, not instants; a time zone would shift a decision dated 2021-12-31 into another year.
import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written "YYYY-MM-DD" (rejects 2021-02-30). */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Formats a Date (UTC day) or passes through a "YYYY-MM-DD" string. */
export function toIsoDate(value: string | Date): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value.slice(0, 10);
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(
      `Date must be a real day written YYYY-MM-DD, got ${JSON.stringify(value)}`,
      {
        extensions: { code: 'INVALID_DATE' },
      },
    );
  }
  return value;
}

builder.scalarType('Date', {
  description: 'A calendar day, "YYYY-MM-DD" (no time zone).',
  serialize: (value) => toIsoDate(value),
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('Date must be a string "YYYY-MM-DD"', {
        extensions: { code: 'INVALID_DATE' },
      });
    return parseDate(ast.value);
  },
});

function parseDateTime(value: unknown): Date {
  const d = typeof value === 'string' ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) {
    throw new GraphQLError(`DateTime must be an ISO 8601 string, got ${JSON.stringify(value)}`, {
      extensions: { code: 'INVALID_DATE' },
    });
  }
  return d;
}

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601 (e.g. "2021-04-07T09:00:00.000Z").',
  serialize: (value) =>
    value instanceof Date ? value.toISOString() : new Date(value).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('DateTime must be a string', { extensions: { code: 'INVALID_DATE' } });
    return parseDateTime(ast.value);
  },
});
