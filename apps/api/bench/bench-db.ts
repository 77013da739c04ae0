// The benchmark's databases. By default each is fresh (createTestOrm) and dropped at the end.
// With BENCH_KEEP=1 they are kept between runs and reused when their product count matches, so
// iterating on a 100k database costs its build once: PostgreSQL database `ocop_bench_<size>` on
// PG_URL, SQLite file `<tmpdir>/ocop-bench-<size>.sqlite`. Migrations are applied on reuse
// (createOrm); a kept database whose schema moved on is rebuilt by deleting it. Each run's
// "overview, import" rows add products (about 500 a run): a kept database grown past
// KEPT_GROWTH × its size is built again, so a "1,000-product" figure is not one of 1,500.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { loadConfig } from '../src/config.js';
import type { DbKind } from '../src/db/orm-config.js';
import { createOrm } from '../src/db/orm.js';
import { seedDatabase } from '../src/db/seed.js';
import { Product } from '../src/modules/products/product.entity.js';
import { createTestOrm, destroyTestOrm, openPgAdmin, pgUrlOf } from '../test/db.js';
import { addSyntheticProducts } from './synthetic.js';

export const keep = process.env.BENCH_KEEP === '1';
/** Appended to a kept database's name, so agents sharing one server keep separate databases. */
const suffix = process.env.BENCH_DB_SUFFIX ?? '';

/** How far a kept database may have grown past its size and still be reused. */
const KEPT_GROWTH = 1.1;

const keptPgName = (size: number) => `ocop_bench_${size}${suffix}`;
const keptSqliteFile = (size: number) => join(tmpdir(), `ocop-bench-${size}${suffix}.sqlite`);

/** The kept database of `size`, deleted and opened again empty (migrated). */
async function emptyKeptDatabase(kind: DbKind, size: number): Promise<MikroORM> {
  if (kind === 'postgresql') {
    const admin = await openPgAdmin();
    try {
      await admin.em.getConnection().execute(`drop database if exists "${keptPgName(size)}"`);
    } finally {
      await admin.close(true);
    }
    await ensurePgDatabase(keptPgName(size));
    return createOrm(loadConfig({}), { kind, url: pgUrlOf(keptPgName(size)) });
  }
  for (const file of [
    keptSqliteFile(size),
    ...['-wal', '-shm'].map((s) => keptSqliteFile(size) + s),
  ])
    rmSync(file, { force: true });
  return createOrm(loadConfig({}), { kind, url: keptSqliteFile(size) });
}

async function ensurePgDatabase(dbName: string): Promise<void> {
  const admin = await openPgAdmin();
  try {
    const conn = admin.em.getConnection();
    const found = await conn.execute(`select 1 from pg_database where datname = ?`, [dbName]);
    if (found.length === 0) await conn.execute(`create database "${dbName}"`);
  } finally {
    await admin.close(true);
  }
}

/** A database of `size` products (seed + synthetic) and how long it took to get it. */
export async function benchDatabase(
  kind: DbKind,
  size: number,
): Promise<{ orm: MikroORM; note: string }> {
  const started = performance.now();
  let orm: MikroORM;
  if (!keep) orm = await createTestOrm(kind);
  else if (kind === 'postgresql') {
    await ensurePgDatabase(keptPgName(size));
    orm = await createOrm(loadConfig({}), { kind, url: pgUrlOf(keptPgName(size)) });
  } else orm = await createOrm(loadConfig({}), { kind, url: keptSqliteFile(size) });
  let before = await orm.em.fork().count(Product, {});
  if (keep && before >= size && before <= size * KEPT_GROWTH) {
    return { orm, note: `kept database reused: ${before} products` };
  }
  if (keep && before > size * KEPT_GROWTH) {
    await orm.close(true);
    orm = await emptyKeptDatabase(kind, size);
    before = 0;
  }
  if (before > 0 && keep) throw new Error(`kept ${kind} ${size} database is partial: delete it`);
  await seedDatabase(orm, { sampleActivities: true });
  const seeded = await orm.em.fork().count(Product, {});
  const added = await addSyntheticProducts(orm, Math.max(0, size - seeded));
  // A production PostgreSQL's autovacuum analyses tables soon after a bulk load (10 % of a table
  // changed); measured straight after the build, the planner would still estimate from an empty
  // database (e.g. 8,319 products for 100,000, 204 evaluations of 2021 for 18,946): the figures
  // would be of a state a served database stays in for a minute at most. SQLite gathers no
  // statistics unless told (the app never runs ANALYZE), so its database is measured as built.
  if (kind === 'postgresql') await orm.em.getConnection().execute('analyze');
  return {
    orm,
    note: `database ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${seeded + added.products} products, ${added.evaluations} evaluations, ${added.items} decision items, ${added.certificates} certificates added`,
  };
}

export async function releaseBenchDatabase(orm: MikroORM): Promise<void> {
  if (keep) await orm.close(true);
  else await destroyTestOrm(orm);
}
