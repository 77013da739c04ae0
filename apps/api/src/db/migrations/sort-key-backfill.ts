// Fills the Vietnamese sort keys of rows written before the `sort_key` columns existed (shared by
// both dialects' migration). Keys hold only 0-9 and a-z, so they are safe inside SQL literals.
import { vietnameseSortKey } from '@ocop/domain';

type Execute = (sql: string) => Promise<unknown>;

export const SORT_KEY_TABLES = ['admin_unit', 'economic_entity', 'product'] as const;

/** UPDATE statements (500 rows each) that set `sort_key` from `name` for every existing row. */
export async function sortKeyBackfill(
  execute: Execute,
  table: (typeof SORT_KEY_TABLES)[number],
  quote: (name: string) => string,
): Promise<string[]> {
  const rows = (await execute(
    `select ${quote('id')} as id, ${quote('name')} as name from ${quote(table)}`,
  )) as { id: number; name: string }[];
  const statements: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const cases = chunk
      .map((r) => `when ${Number(r.id)} then '${vietnameseSortKey(r.name)}'`)
      .join(' ');
    const ids = chunk.map((r) => Number(r.id)).join(', ');
    statements.push(
      `update ${quote(table)} set ${quote('sort_key')} = case ${quote('id')} ${cases} end where ${quote('id')} in (${ids})`,
    );
  }
  return statements;
}
