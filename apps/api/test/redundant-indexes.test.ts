// The indexes dropped because a wider index's prefix serves them (db/migrations/redundant-indexes.ts)
// are gone, and the lookups they used to answer still search an index, on both dialects: SQLite's
// EXPLAIN QUERY PLAN says SEARCH … USING INDEX, PostgreSQL's EXPLAIN (sequential scans disabled, so
// a missing index shows as a Seq Scan however small the table) an index scan.
import type { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDUNDANT_INDEXES } from '../src/db/migrations/redundant-indexes.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from './db.js';

/** Each dropped index's lookups, as the loaders, the importer's references and the stats run them. */
const LOOKUPS: [string, string][] = [
  ['economic_entity', `select id from economic_entity where normalized_name in ('a', 'b')`],
  ['product', `select id from product where normalized_name in ('a', 'b')`],
  ['evaluation', 'select * from evaluation where product_id in (1, 2)'],
  ['evaluation', `select count(*) from evaluation where level = 'province'`],
  ['evaluation', 'select count(*) from evaluation where year = 2021'],
  ['certificate', 'select * from certificate where product_id in (1, 2)'],
  ['decision_item', 'select * from decision_item where decision_id in (1, 2)'],
  ['decision', 'select id from decision where year = 2021'],
];

describe.each(DIALECTS)('redundant indexes on %s', (kind) => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await createTestOrm(kind);
  });
  afterAll(() => destroyTestOrm(orm));

  it('are dropped', async () => {
    const names = REDUNDANT_INDEXES.map(([, index]) => index);
    const rows = (await orm.em
      .getConnection()
      .execute(
        kind === 'postgresql'
          ? `select indexname as name from pg_indexes where schemaname = current_schema()`
          : `select name from sqlite_master where type = 'index'`,
      )) as { name: string }[];
    const present = new Set(rows.map((r) => r.name));
    expect(names.filter((n) => present.has(n))).toEqual([]);
    // The wider indexes that serve them are there.
    expect(present.has('evaluation_product_id_level_date_unique')).toBe(true);
    expect(present.has('certificate_product_id_issued_on_index')).toBe(true);
  });

  it.each(LOOKUPS)('%s: %s searches an index', async (table, sql) => {
    const conn = orm.em.getConnection();
    if (kind === 'postgresql') {
      const plan = await orm.em.fork().transactional(async (tx) => {
        const c = tx.getConnection();
        await c.execute('set local enable_seqscan = off', [], 'run', tx.getTransactionContext());
        return (await c.execute(`explain ${sql}`, [], 'all', tx.getTransactionContext())) as {
          'QUERY PLAN': string;
        }[];
      });
      const text = plan.map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toMatch(new RegExp(`Index (Only )?Scan .* on ${table}\\b|Bitmap Index Scan`));
      expect(text).not.toMatch(/Seq Scan/);
    } else {
      const plan = (await conn.execute(`explain query plan ${sql}`)) as { detail: string }[];
      const text = plan.map((r) => r.detail).join('\n');
      expect(text).toMatch(new RegExp(`SEARCH ${table} USING (COVERING )?INDEX`));
      expect(text).not.toMatch(new RegExp(`SCAN ${table}\\b`));
    }
  });
});
