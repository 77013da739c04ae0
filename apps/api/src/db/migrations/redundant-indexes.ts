// Indexes that another index already serves (issue 11, point 1), shared by the two dialects'
// migration Migration20261130180000. Each is the leading column(s) of a wider index on the same
// table, which answers the same lookups (SQLite and PostgreSQL both search a composite index by its
// prefix), while every index costs each row an import copies: on SQLite that copy holds the
// database's write lock. The pivot tables' single-column indexes (SQLite only) are kept: the ORM
// declares them with the many-to-many relations.

/** Dropped index → its columns (for `down`) and the index whose prefix serves its lookups. */
export const REDUNDANT_INDEXES = [
  ['economic_entity', 'economic_entity_normalized_name_index', ['normalized_name']],
  ['product', 'product_normalized_name_index', ['normalized_name']],
  ['evaluation', 'evaluation_product_id_index', ['product_id']],
  ['evaluation', 'evaluation_level_index', ['level']],
  ['evaluation', 'evaluation_year_index', ['year']],
  ['certificate', 'certificate_product_id_index', ['product_id']],
  ['decision_item', 'decision_item_decision_id_index', ['decision_id']],
  ['decision', 'decision_year_index', ['year']],
] as const;

/** `q` quotes an identifier in the dialect's way. */
export const dropRedundantIndexesSql = (q: (name: string) => string): string[] =>
  REDUNDANT_INDEXES.map(([, index]) => `drop index if exists ${q(index)};`);

export const restoreRedundantIndexesSql = (q: (name: string) => string): string[] =>
  REDUNDANT_INDEXES.map(
    ([table, index, columns]) =>
      `create index ${q(index)} on ${q(table)} (${columns.map(q).join(', ')});`,
  );
