import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { checkReadiness } from '../src/db/orm.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from './db.js';

describe.each(DIALECTS)('createOrm on %s', (kind) => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await createTestOrm(kind);
  });
  afterAll(() => destroyTestOrm(orm));

  it('applies every committed migration at start', async () => {
    expect(await checkReadiness(orm)).toEqual({
      database: true,
      migrationsPending: 0,
      writable: true,
      // PostgreSQL reports its trigram search indexes (here the test role may create pg_trgm).
      ...(kind === 'postgresql' ? { searchIndexes: 'present' } : {}),
    });
  });

  // PostgreSQL: MikroORM's own comparator must find nothing to change. SQLite: its comparator
  // reports spurious table rebuilds, so there we check that every mapped table and column exists.
  if (kind === 'postgresql') {
    it('finds no schema drift between the entities and the migrations', async () => {
      const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      expect(diff.trim()).toBe('');
    });
  } else {
    it('has every mapped table and column after the migrations', async () => {
      const conn = orm.em.getConnection();
      const missing: string[] = [];
      for (const meta of Object.values(orm.getMetadata().getAll())) {
        if (meta.embeddable || meta.virtual || !meta.tableName) continue;
        const cols = (await conn.execute(`PRAGMA table_info("${meta.tableName}")`)) as {
          name: string;
        }[];
        if (cols.length === 0) missing.push(meta.tableName);
        const names = new Set(cols.map((c) => c.name));
        for (const prop of meta.props) {
          for (const field of prop.fieldNames ?? []) {
            if (
              prop.persist !== false &&
              !names.has(field) &&
              cols.length > 0 &&
              prop.kind !== 'm:n' &&
              prop.kind !== '1:m'
            ) {
              missing.push(`${meta.tableName}.${field}`);
            }
          }
        }
      }
      expect(missing).toEqual([]);
    });
  }
});
