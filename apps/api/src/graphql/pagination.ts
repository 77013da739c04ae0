// Offset cursors for the Relay connections. `first` is required and 1–100 so a single request
// can never ask for an unbounded page; its value is also the connection's cost multiplier.
import { API_ERROR_CODES, apiError } from './errors.js';

export const MAX_PAGE_SIZE = 100;

export interface Page {
  limit: number;
  offset: number;
}

export interface ConnectionResult<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number;
}

export const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const m = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) {
    throw apiError(API_ERROR_CODES.INVALID_CURSOR, {
      en: 'Invalid cursor: pass an endCursor returned by this API.',
      vi: 'Con trỏ (cursor) không hợp lệ: hãy dùng endCursor do API trả về.',
    });
  }
  return Number(m[1]);
}

/** Validates `first` (1–100) and turns `after` into an offset. */
export function pageFromArgs(args: { first: number; after?: string | null }): Page {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
    throw apiError(
      API_ERROR_CODES.PAGE_SIZE_OUT_OF_RANGE,
      {
        en: `"first" must be between 1 and ${MAX_PAGE_SIZE}, got ${args.first}.`,
        vi: `"first" phải từ 1 đến ${MAX_PAGE_SIZE}, nhận được ${args.first}.`,
      },
      { min: 1, max: MAX_PAGE_SIZE },
    );
  }
  return { limit: args.first, offset: args.after ? decodeCursor(args.after) + 1 : 0 };
}

export function toConnection<T>(items: T[], totalCount: number, page: Page): ConnectionResult<T> {
  const edges = items.map((node, i) => ({ cursor: encodeCursor(page.offset + i), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: page.offset + items.length < totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Cost of a connection field: its own 1, and its selection times the page size. */
export const connectionComplexity = (args: { first: number }) => ({
  field: 1,
  multiplier: Math.max(1, Math.min(args.first ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE)),
});

/** Arguments every connection takes. */
export const CONNECTION_ARG_DESCRIPTIONS = {
  first: `Page size, required, 1–${MAX_PAGE_SIZE}. Also the cost multiplier of the selection.`,
  after: 'Cursor of the last edge of the previous page (pageInfo.endCursor).',
};
