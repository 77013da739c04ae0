// Benchmark of the decision-list importer (prints figures; asserts nothing). For each dialect and
// size it imports a generated rule-following list (test/decision-list-generator.ts) into a fresh
// seeded database while the API listens on a free port and a client polls /healthz every 50 ms
// over HTTP, then prints the wall time (and per phase), the RSS growth (peak during the import
// minus before it) and the /healthz latency percentiles, beside the targets of the issue:
// 10,000 rows ≤ 5 s on SQLite and ≤ 10 s on PostgreSQL, 100,000 rows with RSS growth ≤ 300 MiB,
// /healthz p99 ≤ 100 ms during an import.
//   pnpm --filter @ocop/api run bench:import
//   BENCH_SIZES=1000,10000 BENCH_DIALECTS=libsql pnpm --filter @ocop/api run bench:import
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.js';
import type { DbKind } from '../src/db/orm-config.js';
import { seedDatabase } from '../src/db/seed.js';
import { importDecisionList } from '../src/modules/imports/decision-list-importer.js';
import { createServer } from '../src/server.js';
import { createTestOrm, destroyTestOrm } from '../test/db.js';
import { generateDecisionList } from '../test/decision-list-generator.js';

const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const dialects = (process.env.BENCH_DIALECTS ?? 'libsql,postgresql').split(',') as DbKind[];
const MiB = 1024 * 1024;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function benchSize(kind: DbKind, rows: number): Promise<void> {
  const orm = await createTestOrm(kind);
  const app = await createServer(
    loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000' }),
    orm,
  );
  try {
    await seedDatabase(orm, { sampleActivities: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const list = generateDecisionList(rows, `Bench ${rows}`);
    const bytes = Buffer.byteLength(list.csv);

    global.gc?.();
    const rssBefore = process.memoryUsage.rss();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    }, 25);

    // A separate client polling /healthz every 50 ms while the import runs.
    const latencies: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const start = performance.now();
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        await res.arrayBuffer();
        latencies.push(performance.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const phases: string[] = [];
    const start = performance.now();
    const report = await importDecisionList(orm.em.fork(), {
      fileName: `bench-${rows}.csv`,
      content: list.csv,
      onPhase: (phase, ms) => phases.push(`${phase} ${(ms / 1000).toFixed(2)}`),
    });
    const wall = (performance.now() - start) / 1000;
    polling = false;
    await poller;
    clearInterval(sampler);
    if (!report.applied || report.created.products !== rows)
      throw new Error(`bench import failed: ${report.message}`);

    latencies.sort((a, b) => a - b);
    const growth = (rssPeak - rssBefore) / MiB;
    const p99 = percentile(latencies, 99);
    const target =
      rows === 10_000
        ? `target ≤ ${kind === 'libsql' ? 5 : 10} s: ${wall <= (kind === 'libsql' ? 5 : 10) ? 'met' : 'NOT met'}`
        : '';
    console.log(
      `[${kind}] ${String(rows).padStart(6)} rows (${(bytes / MiB).toFixed(2)} MiB): ` +
        `${wall.toFixed(2)} s (${phases.join(', ')}) ${target}`,
    );
    console.log(
      `[${kind}] ${' '.repeat(6)}        RSS growth ${growth.toFixed(0)} MiB` +
        `${rows === 100_000 ? ` (target ≤ 300 MiB: ${growth <= 300 ? 'met' : 'NOT met'})` : ''}; ` +
        `/healthz polls ${latencies.length}: p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
        `p99 ${p99.toFixed(1)} ms, max ${(latencies.at(-1) ?? NaN).toFixed(1)} ms ` +
        `(target p99 ≤ 100 ms: ${p99 <= 100 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await app.close();
    await destroyTestOrm(orm);
  }
}

console.log(
  `node ${process.version}; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const kind of dialects) for (const rows of sizes) await benchSize(kind, rows);
