// Benchmark of the decision-list importer (prints figures; asserts nothing). For each dialect and
// size it imports a generated rule-following list (test/decision-list-generator.ts) into a fresh
// seeded database the way the importDecisionList mutation does (importInWorker: the run recorded
// here, the work in a worker thread with its own connection) while the API listens on a free port
// and a client polls /healthz every 50 ms over HTTP, then prints the wall time (and per phase, as
// the worker reports them), the process's RSS growth (peak during the import minus before it,
// the worker's heap included) and the /healthz latency percentiles, beside the targets of the
// issue: 10,000 rows ≤ 5 s on SQLite and ≤ 10 s on PostgreSQL, 100,000 rows with RSS growth
// ≤ 300 MiB, /healthz p99 ≤ 100 ms during an import. On SQLite it also prints how long the
// import's longest write transaction held the database file's write lock (its copy is made of
// short ones: modules/imports/decision-list-fenced-copy.ts; every other writer waits at most that
// long, on timers, not blocking the API thread: db/sqlite-connection.ts). The load average is
// printed first: the figures mean little on a loaded machine without it.
//   pnpm --filter @ocop/api run bench:import            # 1,000 and 10,000 rows, both dialects
//   pnpm --filter @ocop/api run bench:import --full     # and 100,000 rows (19.5 MiB; uploads: IMPORT_MAX_BYTES, 2 MB by default)
//   BENCH_SIZES=1000,10000 BENCH_DIALECTS=libsql pnpm --filter @ocop/api run bench:import
//   IMPORT_WORKER_MAX_HEAP_MB=384 BENCH_DIALECTS=postgresql … # another heap limit for the worker
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.js';
import type { DbKind } from '../src/db/orm-config.js';
import { seedDatabase } from '../src/db/seed.js';
import { importInWorker } from '../src/modules/imports/import-thread.js';
import { createServer } from '../src/server.js';
import { createTestOrm, destroyTestOrm } from '../test/db.js';
import { generateDecisionList } from '../test/decision-list-generator.js';

const full = process.argv.includes('--full');
const sizes = (process.env.BENCH_SIZES ?? (full ? '1000,10000,100000' : '1000,10000'))
  .split(',')
  .map(Number);
const dialects = (process.env.BENCH_DIALECTS ?? 'libsql,postgresql').split(',') as DbKind[];
const MiB = 1024 * 1024;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** One database and API per dialect; the sizes are imported one after the other into it. */
async function benchDialect(kind: DbKind): Promise<void> {
  // IMPORT_WORKER_MAX_HEAP_MB from the environment reaches the worker (its heap limit).
  const heap = process.env.IMPORT_WORKER_MAX_HEAP_MB;
  const orm = await createTestOrm(kind, heap ? { IMPORT_WORKER_MAX_HEAP_MB: heap } : {});
  const app = await createServer(
    // It listens, and would warm the dashboard's figures meanwhile (http/warm-up.ts): not measured.
    loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000', WARM_UP: '0' }),
    orm,
  );
  try {
    await seedDatabase(orm, { sampleActivities: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    // The first import also starts the worker thread (loads the ORM and the importer there).
    for (const [index, rows] of sizes.entries())
      await benchSize(kind, orm, port, rows, index === 0 ? 'worker started by it' : 'worker warm');
  } finally {
    await app.close();
    await destroyTestOrm(orm);
  }
}

async function benchSize(
  kind: DbKind,
  orm: Awaited<ReturnType<typeof createTestOrm>>,
  port: number,
  rows: number,
  worker: string,
): Promise<void> {
  const list = generateDecisionList(rows, `Bench ${rows}`);
  const bytes = Buffer.byteLength(list.csv);

  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  }, 25);
  // How long the API thread's event loop was blocked at a time (10 ms resolution).
  const blocked = monitorEventLoopDelay({ resolution: 10 });
  blocked.enable();

  // A separate client polling /healthz every 50 ms while the import runs.
  const latencies: number[] = [];
  // A poll that fails (refused, reset) is counted and printed, not allowed to end the bench.
  let failedPolls = 0;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const start = performance.now();
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        await res.arrayBuffer();
        latencies.push(performance.now() - start);
      } catch {
        failedPolls += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();

  // Another client writing through the API's own connection every 100 ms (one-row INSERT and
  // DELETE of a sign-in counter, as a sign-in or any mutation writes): on SQLite one that meets
  // the import's copy transaction waits for it on timers (retried, the API thread free); on
  // PostgreSQL rows are locked, not the database.
  const writes: number[] = [];
  let failedWrites = 0;
  let writing = true;
  const writer = (async () => {
    const conn = orm.em.getConnection();
    for (let n = 0; writing; n++) {
      const key = `bench:${rows}:${n}`;
      const t0 = performance.now();
      try {
        await conn.execute(
          'insert into login_throttle (throttle_key, attempts, last_at, next_at, refused) values (?, 1, 0, 0, 0)',
          [key],
          'run',
        );
        writes.push(performance.now() - t0);
        await conn.execute('delete from login_throttle where throttle_key = ?', [key], 'run');
      } catch {
        failedWrites += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();

  const phases: string[] = [];
  let lockedMs: number | null = null;
  const start = performance.now();
  const report = await importInWorker(orm.em.fork(), {
    fileName: `bench-${rows}.csv`,
    content: list.csv,
    onPhase: (phase, ms) => {
      if (phase === 'locked') lockedMs = ms;
      else phases.push(`${phase} ${(ms / 1000).toFixed(2)}`);
    },
  });
  const wall = (performance.now() - start) / 1000;
  polling = false;
  writing = false;
  await Promise.all([poller, writer]);
  clearInterval(sampler);
  blocked.disable();
  if (!report.applied || report.created.products !== rows)
    throw new Error(`bench import failed: ${report.message}`);

  latencies.sort((a, b) => a - b);
  writes.sort((a, b) => a - b);
  const growth = (rssPeak - rssBefore) / MiB;
  const p99 = percentile(latencies, 99);
  const limit = kind === 'libsql' ? 5 : 10;
  const target =
    rows === 10_000 ? ` target ≤ ${limit} s: ${wall <= limit ? 'met' : 'NOT met'}` : '';
  console.log(
    `[${kind}] ${String(rows).padStart(6)} rows (${(bytes / MiB).toFixed(2)} MiB, ${worker}): ` +
      `${wall.toFixed(2)} s (${phases.join(', ')})${target}; load ${load()}`,
  );
  console.log(
    `[${kind}] ${' '.repeat(6)}        RSS growth ${growth.toFixed(0)} MiB` +
      `${rows === 100_000 ? ` (target ≤ 300 MiB: ${growth <= 300 ? 'met' : 'NOT met'})` : ''}; ` +
      `/healthz polls ${latencies.length}${failedPolls ? ` (${failedPolls} FAILED)` : ''}: p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
      `p99 ${p99.toFixed(1)} ms, max ${(latencies.at(-1) ?? NaN).toFixed(1)} ms ` +
      `(target p99 ≤ 100 ms: ${p99 <= 100 ? 'met' : 'NOT met'}); ` +
      `API event loop blocked at most ${(blocked.max / 1e6).toFixed(0)} ms`,
  );
  console.log(
    `[${kind}] ${' '.repeat(6)}        API-thread writes ${writes.length}: ` +
      `p50 ${percentile(writes, 50).toFixed(1)} ms, p99 ${percentile(writes, 99).toFixed(1)} ms, ` +
      `max ${(writes.at(-1) ?? NaN).toFixed(1)} ms, failed ${failedWrites} ` +
      `(target: no request blocked > 100 ms at a time)` +
      (lockedMs === null
        ? ''
        : `; write lock held at most ${(lockedMs as number).toFixed(0)} ms at a time`),
  );
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(`node ${process.version}; load average ${load()}`);
for (const kind of dialects) await benchDialect(kind);
