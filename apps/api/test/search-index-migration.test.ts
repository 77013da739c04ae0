// The migration adding the search indexes (Migration20261130170000) on a database that already
// holds data, on both dialects, and PostgreSQL without the right to create pg_trgm: the start
// does not fail, search answers the same from sequential scans, and a DBA can add the indexes later.
import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { checkReadiness, createOrm } from '../src/db/orm.js';
import { postgresqlMigrations } from '../src/db/migrations/postgresql/index.js';
import { SQLITE_SEARCH_TABLES, trigramIndexSql } from '../src/db/migrations/search-index.js';
import { sqliteMigrations } from '../src/db/migrations/sqlite/index.js';
import { seedDatabase } from '../src/db/seed.js';
import { warnIfSearchUnindexed } from '../src/db/trigram-search-check.js';
import { listProducts } from '../src/modules/products/product.service.js';
import { createServer } from '../src/server.js';
import { createTestOrm, destroyTestOrm, DIALECTS, openPgAdmin, PG_URL } from './db.js';

const MIGRATION = 'Migration20261130170000';
const ASOF = '2024-06-30';
const idOf = (row: unknown): number =>
  Number(typeof row === 'object' && row !== null ? (row as { id: unknown }).id : row);

async function found(em: EntityManager, search: string): Promise<[string[], number]> {
  const [page, total] = await listProducts(
    em,
    { search, asOf: ASOF },
    { by: 'name', direction: 'asc' },
    { limit: 100, offset: 0 },
  );
  return [page.map((p) => p.name), total];
}

async function trigramIndexes(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ indexname: string }[]>(
    `select indexname from pg_indexes where indexname like '%\\_trgm' order by indexname`,
    [],
  );
  return rows.map((r) => r.indexname);
}

describe.each(DIALECTS)('the search-index migration on an existing %s database', (kind) => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await createTestOrm(kind);
    await seedDatabase(orm, { sampleActivities: false });
  });
  afterAll(() => destroyTestOrm(orm));

  it('indexes the names written before it', async () => {
    const names = (kind === 'postgresql' ? postgresqlMigrations : sqliteMigrations).map(
      (m) => m.name,
    );
    const index = names.indexOf(MIGRATION);
    expect(index).toBeGreaterThan(0);
    const migrator = orm.getMigrator();
    // Reverts this migration (and any later one): the database as it was before it.
    await migrator.down({ to: MIGRATION });
    const em = orm.em.fork() as EntityManager;
    const knex = em.getKnex();
    // Written while no index existed: the migration must fill the index with them.
    const [unit] = await knex('admin_unit').where('code', 'tri-ton').select('id');
    const [entity] = await knex('economic_entity')
      .insert({
        name: 'HTX Quỳnh Tiên Lục',
        normalized_name: 'htx quynh tien luc',
        sort_key: 'htx quynh tien luc',
        unit_id: idOf(unit),
      })
      .returning('id');
    await knex('product').insert({
      name: 'Mứt khế dẻo',
      normalized_name: 'mut khe deo',
      sort_key: 'mut khe deo',
      normalized_commune: 'xa vinh thuy hu',
      commune: 'Xã Vĩnh Thuỵ Hư',
      entity_id: idOf(entity),
      unit_id: idOf(unit),
    });
    await migrator.up();

    if (kind === 'postgresql') {
      expect(await trigramIndexes(em)).toEqual([
        'economic_entity_normalized_name_trgm',
        'product_normalized_commune_trgm',
        'product_normalized_name_trgm',
      ]);
    } else {
      const [counts] = await em.execute<{ products: number; indexed: number }[]>(
        'select (select count(*) from product) as products, (select count(*) from product p ' +
          'join product_search s on s.rowid = p.id and s.normalized_name = p.normalized_name ' +
          'and s.normalized_commune is p.normalized_commune) as indexed',
        [],
      );
      expect(Number(counts!.indexed)).toBe(Number(counts!.products));
      expect(Number(counts!.products)).toBeGreaterThan(40);
    }
    expect(await found(em, 'khe deo')).toEqual([['Mứt khế dẻo'], 1]);
    expect(await found(em, 'Quỳnh Tiên')).toEqual([['Mứt khế dẻo'], 1]);
    expect(await found(em, 'thuy hu')).toEqual([['Mứt khế dẻo'], 1]);
    // Seed rows: the five products of Chợ Mới (products.test.ts), through the unit's name.
    expect((await found(em, 'cho moi'))[1]).toBe(5);
  });
});

describe('SQLite after every migration', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await createTestOrm('libsql');
  });
  afterAll(() => destroyTestOrm(orm));

  // A later migration that rebuilds product or economic_entity (SQLite's copy-and-rename, as the
  // generator writes it) drops their triggers: it must recreate them (search-index.ts).
  it('keeps the triggers that feed the search tables', async () => {
    const rows = await (orm.em.fork() as EntityManager).execute<{ name: string }[]>(
      `select name from sqlite_master where type = 'trigger' and name like '%search%' order by name`,
      [],
    );
    expect(rows.map((r) => r.name)).toEqual(
      Object.keys(SQLITE_SEARCH_TABLES)
        .flatMap((fts) => ['delete', 'insert', 'update'].map((op) => `${fts}_${op}`))
        .sort(),
    );
  });
});

describe('PostgreSQL when the role may not create pg_trgm', () => {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const role = `ocop_noext_${suffix}`;
  const dbName = `ocop_test_noext_${suffix}`;
  const urlAs = (user: string, db: string) => {
    const url = new URL(PG_URL);
    url.username = user;
    url.pathname = `/${db}`;
    return url.toString();
  };
  const admin = async (db: string, statements: string[]) => {
    const conn = await openPgAdmin(urlAs(new URL(PG_URL).username || 'postgres', db));
    try {
      for (const sql of statements) await conn.em.getConnection().execute(sql);
    } finally {
      await conn.close(true);
    }
  };
  const maintenanceDb = new URL(PG_URL).pathname.slice(1) || 'postgres';
  let orm: MikroORM | undefined;

  beforeAll(async () => {
    // A role owning nothing but its tables: CREATE on the schema, not on the database, which a
    // trusted extension such as pg_trgm requires.
    await admin(maintenanceDb, [`create role "${role}" login`, `create database "${dbName}"`]);
    await admin(dbName, [`grant usage, create on schema public to "${role}"`]);
  });
  afterAll(async () => {
    await orm?.close(true);
    await admin(maintenanceDb, [
      `drop database if exists "${dbName}" with (force)`,
      `drop role if exists "${role}"`,
    ]);
  });

  it('starts without the indexes, finds the same products, and takes them when a DBA adds pg_trgm', async () => {
    orm = await createOrm(loadConfig({}), { kind: 'postgresql', url: urlAs(role, dbName) });
    const em = () => orm!.em.fork() as EntityManager;
    expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
    expect(
      await em().execute(`select extname from pg_extension where extname = 'pg_trgm'`, []),
    ).toEqual([]);
    expect(await trigramIndexes(em())).toEqual([]);

    // The server says so at start, once, with what to run, and /readyz reports it but stays ready.
    const lines: string[] = [];
    const app = await createServer(loadConfig({ LOG_LEVEL: 'info' }), orm, {
      logStream: { write: (line) => void lines.push(line) },
    });
    try {
      const warnings = lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.level === 40);
      expect(warnings).toEqual([
        expect.objectContaining({
          msg: expect.stringMatching(
            /^trigram search indexes are missing \(extension pg_trgm not installed\)/,
          ),
          pgTrgm: false,
          missingIndexes: [
            'product_normalized_name_trgm',
            'product_normalized_commune_trgm',
            'economic_entity_normalized_name_trgm',
          ],
          run: ['create extension if not exists pg_trgm;', ...trigramIndexSql()],
        }),
      ]);
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'ready', searchIndexes: 'missing' });
    } finally {
      await app.close();
    }
    await seedDatabase(orm, { sampleActivities: false });
    const choMoi = await found(em(), 'cho moi');
    expect(choMoi[1]).toBe(5);
    expect(await found(em(), 'Mắm cá linh')).toEqual([['Mắm cá linh chưng (đóng hộp)'], 1]);

    // What the DBA runs later (README): the extension, then the indexes, as the migration would.
    await admin(dbName, ['create extension if not exists pg_trgm', ...trigramIndexSql()]);
    expect(await trigramIndexes(em())).toHaveLength(3);
    expect(await found(em(), 'cho moi')).toEqual(choMoi);
    const after: unknown[] = [];
    await warnIfSearchUnindexed(orm, { warn: (obj, msg) => void after.push({ obj, msg }) });
    expect(after).toEqual([]);
    expect(await checkReadiness(orm)).toMatchObject({ database: true, searchIndexes: 'present' });
  });
});
