// Relay connections over offset pages (@pothos/plugin-relay's resolveOffsetConnection and its
// opaque cursors). This file adds what the plugin leaves to us: the page size is 1–100 (default
// 20) and a cursor the API did not issue is VALIDATION_FAILED naming the argument, never an
// internal error; the connection's cost multiplier is its page size, capped by the rows its
// table holds (see `connectionComplexity` and graphql/limits.ts).
import type { EntityManager } from '@mikro-orm/knex';
import { cursorToOffset, offsetToCursor, resolveOffsetConnection } from '@pothos/plugin-relay';
import { FENCED_TABLES, fencedCountSql, type FencedTable } from '../db/import-fence.js';
import { API_ERROR_CODES, apiError, validationFailed } from './errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** The arguments @pothos/plugin-relay adds to every connection field. */
export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface Page {
  limit: number;
  offset: number;
}

function checkSize(name: 'first' | 'last', value: number | null | undefined): void {
  if (value == null) return;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw apiError(
      API_ERROR_CODES.PAGE_SIZE_OUT_OF_RANGE,
      {
        en: `"${name}" must be between 1 and ${MAX_PAGE_SIZE}, got ${value}.`,
        vi: `"${name}" phải từ 1 đến ${MAX_PAGE_SIZE}, nhận được ${value}.`,
      },
      { field: name, min: 1, max: MAX_PAGE_SIZE },
    );
  }
}

function checkCursor(name: 'after' | 'before', cursor: string | null | undefined): void {
  if (cursor == null) return;
  let offset = Number.NaN;
  try {
    offset = cursorToOffset(cursor);
  } catch {
    // Not base64 or not an offset cursor: reported below.
  }
  // Only a cursor the API would issue: the plugin's parseInt reads "OffsetConnection:1.5" as 1.
  if (!Number.isSafeInteger(offset) || offset < 0 || offsetToCursor(offset) !== cursor) {
    throw validationFailed(name, {
      en: `Invalid cursor in "${name}": pass a cursor this API returned (pageInfo.endCursor / startCursor).`,
      vi: `Con trỏ (cursor) trong "${name}" không hợp lệ: hãy dùng cursor do API trả về (pageInfo.endCursor / startCursor).`,
    });
  }
}

/**
 * One page of a connection. `load` reads the rows of a page and the total count (one
 * findAndCount); the plugin turns them into edges, cursors and pageInfo.
 */
export async function offsetConnection<T>(
  args: ConnectionArgs,
  load: (page: Page) => Promise<[T[], number]>,
) {
  checkSize('first', args.first);
  checkSize('last', args.last);
  checkCursor('after', args.after);
  checkCursor('before', args.before);
  if (args.last != null && args.before == null && args.first == null) {
    throw validationFailed('last', {
      en: '"last" needs "before" (or "first"): page backwards from a cursor.',
      vi: '"last" cần đi kèm "before" (hoặc "first"): phân trang lùi từ một cursor.',
    });
  }
  let totalCount = 0;
  const connection = await resolveOffsetConnection(
    { args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE },
    async (page) => {
      const [rows, count] = await load(page);
      totalCount = count;
      return rows;
    },
  );
  // An empty page has no first or last edge, so no cursors (Relay: null). The plugin gave the
  // offset before the page, "OffsetConnection:-1" on an empty first page: a cursor the API then
  // refused when a client passed it back (black-box audit, issue 11 point 7).
  if (!connection.edges.length)
    return {
      ...connection,
      pageInfo: { ...connection.pageInfo, startCursor: null, endCursor: null },
      totalCount,
    };
  return { ...connection, totalCount };
}

/** The page size a connection's arguments ask for (what its cost multiplies by). */
export function requestedPageSize(args: ConnectionArgs): number {
  const size = args.first ?? args.last ?? DEFAULT_PAGE_SIZE;
  return Math.max(1, Math.min(Number.isInteger(size) ? size : MAX_PAGE_SIZE, MAX_PAGE_SIZE));
}

/** Tables behind the public connections, for the row bounds of the cost. */
export const CONNECTION_TABLES = {
  products: 'product',
  entities: 'economic_entity',
  evaluations: 'evaluation',
  decisions: 'decision',
  activities: 'activity',
  auditLog: 'audit_log',
} as const;
export type ConnectionTable = (typeof CONNECTION_TABLES)[keyof typeof CONNECTION_TABLES];

/** Rows each connection's table holds; read only when a request's page-size cost is over the limit. */
export type RowBounds = Partial<Record<ConnectionTable, number>>;

/** A context that can hold row bounds (graphql/context.ts). */
export interface BoundableContext {
  em: EntityManager;
  rowBounds: RowBounds | null;
}

const isBoundable = (ctx: object): ctx is BoundableContext =>
  'em' in ctx && 'rowBounds' in ctx && ctx.rowBounds === null;

/**
 * Reads how many rows each connection's table holds (one SQL statement) into the context, so the
 * cost is re-measured on the rows a connection can return rather than on the page size asked for
 * (`products(first: 100)` over 44 products costs as 44). False when there is nothing to read.
 */
export async function loadRowBounds(ctx: object): Promise<boolean> {
  if (!isBoundable(ctx)) return false;
  const tables = Object.values(CONNECTION_TABLES);
  const knex = ctx.em.getKnex();
  // Rows an unfinished import holds are not rows a connection can return (db/import-fence.ts).
  const fenced = (t: ConnectionTable): t is ConnectionTable & FencedTable =>
    (FENCED_TABLES as readonly string[]).includes(t);
  const minus = (t: ConnectionTable) => (fenced(t) ? ` - ${fencedCountSql(knex, t)}` : '');
  const select = tables.map((t) => `(select count(*) from ${t})${minus(t)} as ${t}`).join(', ');
  const [row] = await ctx.em.getConnection().execute<Record<string, unknown>[]>(`select ${select}`);
  ctx.rowBounds = Object.fromEntries(tables.map((t) => [t, Number(row?.[t] ?? 0)]));
  return true;
}

/**
 * Cost of a connection field: 1 for itself, and its selection times the rows it can return —
 * the page size (`first`/`last`, default 20), capped by the rows of its table once those are read.
 */
export const connectionComplexity =
  (table: ConnectionTable) => (args: ConnectionArgs, ctx: { rowBounds?: RowBounds | null }) => ({
    field: 1,
    multiplier: Math.max(1, Math.min(requestedPageSize(args), ctx.rowBounds?.[table] ?? Infinity)),
  });
