// Test databases: a fresh, migrated database per call, on BOTH dialects. PostgreSQL runs on
// PG_URL (default postgres://postgres@127.0.0.1:5432/postgres, trust auth); each call creates
// its own `ocop_test_<pid>_<random>` database and destroyTestOrm drops it. An unreachable
// PostgreSQL FAILS the tests: a silent skip would let a dialect difference through unseen.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { loadConfig } from '../src/config.js';
import type { DbKind } from '../src/db/orm-config.js';
import { createOrm } from '../src/db/orm.js';

export const DIALECTS: DbKind[] = ['libsql', 'postgresql'];

export const PG_URL = process.env.PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const cleanups = new WeakMap<MikroORM, () => Promise<void>>();

/** PG_URL with another database (`url`: another server's URL). */
export function pgUrlOf(dbName: string, url = PG_URL): string {
  const parsed = new URL(url);
  parsed.pathname = `/${dbName}`;
  return parsed.toString();
}

/**
 * A one-connection ORM without entities on a PostgreSQL server (PG_URL's maintenance database by
 * default): for creating and dropping databases and roles. Close it with `close(true)`.
 */
export function openPgAdmin(clientUrl = PG_URL): Promise<MikroORM> {
  return MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: 1 },
  });
}

/** Runs one statement on the PostgreSQL server's maintenance database. */
async function onPgServer(sql: string): Promise<void> {
  let admin: MikroORM | undefined;
  try {
    admin = await openPgAdmin();
    await admin.em.getConnection().execute(sql);
  } catch (error) {
    const ci = process.env.CI === 'true' ? ' (CI=true: PostgreSQL tests must not be skipped)' : '';
    throw new Error(
      `PostgreSQL test database unavailable at ${PG_URL}${ci}: ${(error as Error).message}. ` +
        'Start PostgreSQL or set PG_URL (scripts/with-pg.sh starts a throwaway server).',
      { cause: error },
    );
  } finally {
    await admin?.close(true);
  }
}

/**
 * A fresh, fully migrated database of the given dialect (`env`: settings of the ORM's config,
 * which the import worker opens its connection with). Pair with destroyTestOrm.
 */
export async function createTestOrm(
  kind: DbKind,
  env: Record<string, string> = {},
): Promise<MikroORM> {
  const config = loadConfig(env);
  if (kind === 'libsql') {
    const dir = mkdtempSync(join(tmpdir(), 'ocop-test-'));
    const orm = await createOrm(config, { kind, url: join(dir, 'test.sqlite') });
    cleanups.set(orm, async () => rmSync(dir, { recursive: true, force: true }));
    return orm;
  }
  const dbName = `ocop_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onPgServer(`create database "${dbName}"`);
  const orm = await createOrm(config, { kind, url: pgUrlOf(dbName) });
  cleanups.set(orm, () => onPgServer(`drop database if exists "${dbName}" with (force)`));
  return orm;
}

/** Closes the ORM and deletes its database (temp file or PostgreSQL database). */
export async function destroyTestOrm(orm: MikroORM | undefined): Promise<void> {
  if (!orm) return;
  await orm.close(true);
  await cleanups.get(orm)?.();
}
