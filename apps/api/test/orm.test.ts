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
    expect(await checkReadiness(orm)).toEqual({ database: true, migrationsPending: 0 });
  });

  // The SQLite comparator reports spurious table rebuilds, so the drift check runs on PostgreSQL.
  it.runIf(kind === 'postgresql')('finds no schema drift between the entities and the migrations', async () => {
    const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});
