// Which errors of a GraphQL request reach the log, and how (graphql/error-log.ts): a bug at error
// level with its stack, STORAGE_UNAVAILABLE once per request at warn without one, answers raised on
// purpose not at all. test/faults/read-only-storage.test.ts shows the warn line of a real server.
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { logRequestErrors } from '../src/graphql/error-log.js';
import { validationFailed } from '../src/graphql/errors.js';

function recorder() {
  const lines: { level: 'warn' | 'error'; obj: Record<string, unknown>; msg: string }[] = [];
  return {
    lines,
    warn: (obj: object, msg: string) => lines.push({ level: 'warn', obj: { ...obj }, msg }),
    error: (obj: object, msg: string) => lines.push({ level: 'error', obj: { ...obj }, msg }),
  };
}

const fieldError = (original: Error, field: string) =>
  new GraphQLError(original.message, { path: [field], originalError: original });

/** A database error as knex and the driver leave it: the statement in front, the code beside. */
function busyError(): Error {
  return Object.assign(
    new Error(`update "product" set "name" = 'Trà' where "id" = 7 - database is locked`),
    { code: 'SQLITE_BUSY' },
  );
}

describe('logRequestErrors', () => {
  it('logs a storage failure once per request at warn, with its reason and no stack or statement', () => {
    const log = recorder();
    logRequestErrors(log, [fieldError(busyError(), 'a'), fieldError(busyError(), 'b')], {
      requestId: 'r1',
      operationName: 'Save',
    });
    expect(log.lines).toEqual([
      {
        level: 'warn',
        msg: 'storage unavailable (busy): answered STORAGE_UNAVAILABLE',
        obj: {
          reqId: 'r1',
          operationName: 'Save',
          code: 'STORAGE_UNAVAILABLE',
          reason: 'busy',
          dbCode: 'SQLITE_BUSY',
          detail: 'database is locked',
        },
      },
    ]);
  });

  it('keeps a real bug at error level with the error itself, beside the storage line', () => {
    const log = recorder();
    const bug = new TypeError("Cannot read properties of undefined (reading 'stars')");
    logRequestErrors(log, [fieldError(bug, 'a'), fieldError(busyError(), 'b')], {
      requestId: 'r2',
    });
    expect(log.lines.map((l) => [l.level, l.msg])).toEqual([
      ['error', 'unexpected error in a GraphQL request'],
      ['warn', 'storage unavailable (busy): answered STORAGE_UNAVAILABLE'],
    ]);
    expect(log.lines[0]!.obj).toEqual({ reqId: 'r2', operationName: undefined, err: bug });
    expect((log.lines[0]!.obj.err as Error).stack).toContain('TypeError');
  });

  it('logs nothing for errors raised on purpose', () => {
    const log = recorder();
    const refused = validationFailed('input.name', { en: 'Too long.', vi: 'Quá dài.' });
    logRequestErrors(log, [fieldError(refused, 'a'), new GraphQLError('Syntax Error')], {
      requestId: 'r3',
    });
    expect(log.lines).toEqual([]);
  });
});
