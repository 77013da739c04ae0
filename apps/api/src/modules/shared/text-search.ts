// Substring search over the normalised text columns (normalize-text.ts: lowercase, no diacritics)
// in a form an index can serve: a trigram index answers "contains" without reading every row.
// PostgreSQL: GIN indexes with pg_trgm's gin_trgm_ops serve `column like '%text%'` as written.
// SQLite: FTS5 tables with the trigram tokenizer (migration Migration20261130170000) answer a
// quoted phrase, which for trigrams means "contains this substring" (a LIKE with an escape clause
// is not handed to FTS5: EXPLAIN QUERY PLAN shows a full scan of the table).
// Fewer than 3 characters hold no trigram: such searches keep the LIKE scan on both dialects.
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/knex';
import { escapeLike, normalizeText } from './normalize-text.js';

/** Characters in a trigram: shorter searches cannot use a trigram index. */
export const TRIGRAM_LENGTH = 3;

export interface TextSearch {
  /** The normalised query. */
  text: string;
  /** `%text%` with LIKE's wildcards escaped (use with `likeSql`). */
  like: string;
  /** Long enough for a trigram index (≥ 3 characters). */
  indexed: boolean;
}

/** The search for a query, or null when it normalises to nothing. */
export function textSearch(query: string | null | undefined): TextSearch | null {
  const text = normalizeText(query ?? '');
  if (!text) return null;
  return {
    text,
    like: `%${escapeLike(text)}%`,
    indexed: [...text].length >= TRIGRAM_LENGTH,
  };
}

export type SearchDialect = 'postgresql' | 'sqlite';

export const searchDialect = (em: EntityManager): SearchDialect =>
  em.getPlatform() instanceof PostgreSqlPlatform ? 'postgresql' : 'sqlite';

/**
 * `<column> like ?` matching the escaped pattern literally: PostgreSQL's default escape character
 * is the backslash; SQLite has none unless told (and then never hands LIKE to FTS5, see above).
 */
export const likeSql = (dialect: SearchDialect, column: string) =>
  dialect === 'postgresql' ? `${column} like ?` : `${column} like ? escape '\\'`;

/**
 * An FTS5 query matching rows whose column (any column when absent) contains `text`: one quoted
 * phrase (a double quote doubled), which the trigram tokenizer turns into consecutive trigrams.
 */
export function ftsPhrase(text: string, column?: string): string {
  const phrase = `"${text.replace(/"/g, '""')}"`;
  return column ? `${column} : ${phrase}` : phrase;
}
