// Benchmark (prints figures; asserts nothing): seed time and GraphQL latency of the queries the
// dashboard and journalists use most, on a fresh seeded database of each dialect.
//   pnpm --filter @ocop/api bench            (SQLite and, when PG_URL answers, PostgreSQL)
//   BENCH_ROUNDS=200 pnpm --filter @ocop/api bench
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { seedDatabase } from '../src/db/seed.js';
import { createServer } from '../src/server.js';
import { createTestOrm, destroyTestOrm } from '../test/db.js';
import type { DbKind } from '../src/db/orm-config.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 50);

const QUERIES: Record<string, string> = {
  'plan 2021 (8 targets, progress)': `{ plan(year: 2021) { targets(asOf: "2021-12-31") { code progress { actual status perUnit { value } } } } }`,
  'products first:40 + entity/unit/decision': `{ products(first: 40) { totalCount edges { node { name unit { name } entity { name unit { name } } latestDecision { date { value } } certificate(asOf: "2022-06-30") { status } } } } }`,
  'products search "mam ca"': `{ products(first: 20, filter: { search: "mam ca" }) { totalCount edges { node { name } } } }`,
  'stats products by unit': `{ stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2021-12-31") { total rows { key count } } }`,
  'districts 2021': `{ districts(planYear: 2021) { unit { name } participatingEntities productsCertified passRate } }`,
  'departments + activity counts': `{ departments { code tasks { code } activityCounts(year: 2021) { kind month count } } }`,
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function benchDialect(kind: DbKind): Promise<void> {
  const orm = await createTestOrm(kind);
  try {
    const t0 = performance.now();
    await seedDatabase(orm, { sampleActivities: true });
    console.log(`\n[${kind}] seed: ${(performance.now() - t0).toFixed(0)} ms`);
    const app = await createServer(
      loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000' }),
      orm,
    );
    console.log(
      `[${kind}] ${'query'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`,
    );
    for (const [name, query] of Object.entries(QUERIES)) {
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const start = performance.now();
        const res = await app.inject({ method: 'POST', url: '/graphql', payload: { query } });
        times.push(performance.now() - start);
        if (res.statusCode !== 200 || res.json().errors)
          throw new Error(`${name}: ${res.body.slice(0, 300)}`);
      }
      times.sort((a, b) => a - b);
      console.log(
        `[${kind}] ${name.padEnd(44)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)} ${(times.at(-1) ?? 0).toFixed(1).padStart(8)}`,
      );
    }
    await app.close();
  } finally {
    await destroyTestOrm(orm);
  }
}

await benchDialect('libsql');
try {
  await benchDialect('postgresql');
} catch (error) {
  console.log(`\n[postgresql] skipped: ${(error as Error).message.split('\n')[0]}`);
}
const mem = process.memoryUsage();
console.log(
  `\nrounds per query: ${rounds}; peak-ish RSS now: ${(mem.rss / 1024 / 1024).toFixed(0)} MiB, heap used ${(mem.heapUsed / 1024 / 1024).toFixed(0)} MiB`,
);
