// db/prepared-statement.ts: the hot statements (the data version's read, the facts' segmented
// statement) run prepared on a pooled connection of either dialect, kept between runs. A kept
// statement must still see every write committed since it was prepared, through any connection,
// and be logged like every other statement.
import type { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedRunner } from '../src/db/prepared-statement.js';
import {
  bumpDataVersion,
  DATA_VERSION_SQL,
  readDataVersion,
} from '../src/modules/data-version/data-version.service.js';
import { DIALECTS, createTestOrm, destroyTestOrm } from './db.js';
import { logStatements, type StatementLog } from './statement-log.js';

describe.each(DIALECTS)('prepared statements on %s', (kind) => {
  let orm: MikroORM;
  let log: StatementLog;
  beforeAll(async () => {
    orm = await createTestOrm(kind);
    log = logStatements(orm);
  });
  afterAll(() => destroyTestOrm(orm));

  const version = async () => {
    const run = preparedRunner(orm.em.fork())!;
    const [row] = await run<{ version: unknown }>(DATA_VERSION_SQL);
    return Number(row!.version);
  };

  it('reads what the ORM reads, and each write committed since, run after run', async () => {
    const before = (await readDataVersion(orm.em.fork()))!.version;
    expect(await version()).toBe(before);
    for (let write = 1; write <= 3; write++) {
      // Several reads at once take several pooled connections: each keeps its own statement.
      await Promise.all([version(), version(), version()]);
      await orm.em.fork().transactional((tx) => bumpDataVersion(tx));
      expect(await version()).toBe(before + write);
    }
  });

  it('binds values to the `?` placeholders', async () => {
    const run = preparedRunner(orm.em.fork())!;
    const rows = await run<{ version: unknown }>(
      'select version from data_version where id = ? and version >= ?',
      [1, 0],
    );
    expect(rows.map((r) => Number(r.version))).toEqual([await version()]);
    expect(await run('select version from data_version where id = ?', [2])).toEqual([]);
  });

  it('logs each run as a statement', async () => {
    log.reset();
    await version();
    await version();
    expect(log.statements).toEqual([DATA_VERSION_SQL, DATA_VERSION_SQL]);
  });

  it('is not offered inside a transaction (its connection is not the pool’s)', async () => {
    await orm.em.fork().transactional(async (tx) => {
      expect(preparedRunner(tx)).toBeNull();
    });
  });
});
