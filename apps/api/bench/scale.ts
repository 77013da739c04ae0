// `pnpm bench` (repository root): figures at national scale, printed as a table (asserts nothing;
// the deterministic part runs as tests: test/kpi-statements.test.ts). For each dialect and size it
// builds a fresh migrated database, seeds it and adds rule-following synthetic products
// (bench/synthetic.ts) up to the size, then measures, in one run:
// - SQL statements per operation (uncached: one fact is written before each request);
// - uncached latency p50/p99 (in process, app.inject) after a write of one fact — an evaluation,
//   a different one each round, with the data version raised in the same transaction: what the
//   next reader pays after an officer saves — and, for the overview, also after an import of 30
//   products ("overview, import") and with every fact segment stale ("overview, cold": after a
//   seed, a restart or an SQLite import, nothing kept to reuse);
// - cached latency p50/p99;
// - req/s of the cached overview and of stats unit × stars served by an API process, against a
//   bare node:http process returning the same bytes (ratio: absolute figures vary between runs;
//   the two loads alternate BENCH_RATIO_ROUNDS times, 3 by default, and the median is printed);
//   and of the dashboard's overview asked by id over GET (the trusted document `Plan` of
//   apps/web/persisted-queries.json): a stored-bytes 200 and a 304 revalidation, each against the
//   bare server answering the same;
// - the API process's RSS (peak) after that load;
// - the dashboard's first visit after the API starts, without and after its warm-up
//   (bench/first-visit.ts, http/warm-up.ts).
//   pnpm bench                       1k and 10k products, SQLite and PostgreSQL
//   pnpm bench --full                also 100k
//   BENCH_SIZES=1000 BENCH_DIALECTS=postgresql BENCH_SECONDS=5 pnpm bench
//   BENCH_HTTP_ONLY=1 pnpm bench      only the req/s ratios over HTTP
//   BENCH_KEEP=1 pnpm bench          keep the databases and reuse them next time (bench/bench-db.ts)
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/core';
import { loadConfig } from '../src/config.js';
import type { DbKind } from '../src/db/orm-config.js';
import { DEFAULT_MANIFEST } from '../src/graphql/trusted-documents.js';
import { bumpDataVersion } from '../src/modules/data-version/data-version.service.js';
import { createServer } from '../src/server.js';
import { generateDecisionList } from '../test/decision-list-generator.js';
import { spawnServer } from '../test/faults/spawn-server.js';
import { importDecisionList } from '../src/modules/imports/decision-list-importer.js';
import { requestsPerSecond, type LoadTarget } from './load.js';
import { benchDatabase, releaseBenchDatabase } from './bench-db.js';
import { firstVisit } from './first-visit.js';

const full = process.argv.includes('--full');
const sizes = (process.env.BENCH_SIZES ?? (full ? '1000,10000,100000' : '1000,10000'))
  .split(',')
  .map(Number);
const dialects = (process.env.BENCH_DIALECTS ?? 'libsql,postgresql').split(',') as DbKind[];
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
/**
 * Each req/s ratio is measured this many times, the API and the bare server in turn (API, bare,
 * API, bare…), and the median ratio printed with the lowest and highest: on these shared 2-core
 * machines one pair of loads gave anything from 0.25 to 0.47 for the same code, other work coming
 * and going between the API's seconds and the bare server's.
 */
const ratioRounds = Number(process.env.BENCH_RATIO_ROUNDS ?? 3);
const uncachedRounds = Number(process.env.BENCH_ROUNDS ?? 15);
const cachedRounds = 200;
/** BENCH_NODE_OPTIONS='' measures without it. */
const API_NODE_OPTIONS = '--max-old-space-size=256';
/**
 * glibc's malloc arenas, as scripts/start-api.sh starts the API in production (its header says
 * why); BENCH_MALLOC_ARENA_MAX='' measures with glibc's default (eight per core).
 */
const API_MALLOC_ARENA_MAX = '2';

interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

// The dashboard's overview and districts (apps/web/src/graphql/plan.ts, districts.ts).
const OPERATIONS: Record<string, Operation> = {
  overview: {
    query: `query Plan($year: Int!, $asOf: Date) { plan(year: $year) {
      id year code title issuedOn periodStart periodEnd
      targets(asOf: $asOf) { id code kind labelVi labelEn definition definitionVi targetValue targetMax
        unitLabel owner { id code nameVi nameEn }
        progress(asOf: $asOf) { asOf actual numerator denominator target targetMax ratio met
          aboveUpperBound status statusRule statusReason statusReasonCode
          statusReasonParams { name number date } noData yearOnlyRecords sampleRecords
          perUnit { unit { id code name } value met } } } } }`,
    variables: { year: 2021, asOf: '2021-12-31' },
  },
  districts: {
    query: `query Districts($planYear: Int!, $asOf: Date) { districts(planYear: $planYear, asOf: $asOf) {
      unit { id code name type typeVi } participatingEntities productsEvaluated productsCertified
      passRate targetsMet } }`,
    variables: { planYear: 2021, asOf: '2021-12-31' },
  },
  // The dashboard's second request on the overview page: every target's month-end sparkline.
  'overview trends': {
    query: `query PlanTrends($year: Int, $asOf: Date) { plan(year: $year) { id
      targets(asOf: $asOf) { id code trend { date actual ratio status } } } }`,
    variables: { year: 2021, asOf: '2021-12-31' },
  },
  // The programme page: every target of every plan (six in the seed), one computation each.
  programme: {
    query: `{ plans { id targets { id code progress { actual ratio status } } } }`,
    variables: {},
  },
  'products first:40': {
    query: `{ products(first: 40) { totalCount edges { node { name unit { name } entity { name unit { name } }
      latestDecision { date { value } } certificate(asOf: "2022-06-30") { status } } } } }`,
    variables: {},
  },
  // A search as the products page sends it (filter.search, 40 a page, with totalCount): ≥ 3
  // characters reads the trigram indexes (PostgreSQL pg_trgm, SQLite FTS5); 2 characters scans.
  'products search': {
    query: `query Search($s: String) { products(first: 40, filter: { search: $s }) { totalCount
      edges { node { name unit { name } entity { name } } } } }`,
    variables: { s: 'Tổng hợp 4321' },
  },
  'search 2 chars': {
    query: `query Search($s: String) { products(first: 40, filter: { search: $s }) { totalCount
      edges { node { name unit { name } entity { name } } } } }`,
    variables: { s: '43' },
  },
  'stats unit×stars': {
    query: `{ stats(measure: PRODUCTS, groupBy: UNIT, thenBy: STARS, asOf: "2025-12-31") {
      rows { key key2 count } } }`,
    variables: {},
  },
};
const RATIO_OPERATIONS = ['overview', 'stats unit×stars'];
/** Rows of each import before an "overview, import" round. */
const IMPORT_ROWS = 30;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number) => n.toFixed(n < 10 ? 1 : 0);

interface Row {
  dialect: string;
  size: number;
  operation: string;
  statements: number;
  uncached: [number, number];
  cached: [number, number];
}
const table: Row[] = [];
const ratios: string[] = [];

/**
 * One evaluation rewritten as it is (its segment's triggers fire: that segment is recounted), a
 * different one each call, spread over the ids; the data version raised in the same transaction.
 */
async function oneFactWriter(orm: MikroORM): Promise<() => Promise<void>> {
  const { lo, hi } = (await orm.em
    .fork()
    .getConnection()
    .execute('select min(id) as lo, max(id) as hi from evaluation', [], 'get')) as {
    lo: number;
    hi: number;
  };
  let writes = 0;
  return () =>
    orm.em.fork().transactional(async (tx) => {
      const id = Number(lo) + ((writes++ * 7919) % (Number(hi) - Number(lo) + 1));
      await tx
        .getConnection()
        .execute(
          'update evaluation set stars = stars where id = ?',
          [id],
          'run',
          tx.getTransactionContext(),
        );
      await bumpDataVersion(tx);
    });
}

async function inProcess(kind: DbKind, size: number, orm: MikroORM): Promise<void> {
  const app = await createServer(
    loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000000' }),
    orm,
  );
  let statements = 0;
  const logger = orm.config.getLogger();
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (context) => {
    statements += 1;
    original(context);
  };
  const writeOneFact = await oneFactWriter(orm);
  const allStale = () =>
    orm.em.fork().transactional((tx) => bumpDataVersion(tx, { allSegments: true }));
  // An import of a few decisions' products (new entities, evaluations, items), as a province
  // publishes them: only the segments it wrote to are counted again (PostgreSQL's importer raises
  // them at the end of its transaction, SQLite's when it publishes its fenced rows).
  let imports = 0;
  const importSome = async () => {
    const list = generateDecisionList(IMPORT_ROWS, `Bench ${Date.now().toString(36)} ${imports++}`);
    const report = await importDecisionList(orm.em.fork(), {
      fileName: 'bench.csv',
      content: list.csv,
    });
    if (!report.applied) throw new Error(`bench import not applied: ${JSON.stringify(report)}`);
  };
  const operations: [string, Operation, () => Promise<void>][] = [
    ...Object.entries(OPERATIONS).map(([name, op]): [string, Operation, () => Promise<void>] => [
      name,
      op,
      writeOneFact,
    ]),
    ['overview, import', OPERATIONS.overview!, importSome],
    ['overview, cold', OPERATIONS.overview!, allStale],
  ];
  try {
    for (const [name, op, bump] of operations) {
      const run = async () => {
        const started = performance.now();
        const res = await app.inject({ method: 'POST', url: '/graphql', payload: op });
        const elapsed = performance.now() - started;
        if (res.statusCode !== 200 || res.json().errors)
          throw new Error(`${name}: ${res.body.slice(0, 300)}`);
        return elapsed;
      };
      await bump();
      statements = 0;
      await run();
      const count = statements;
      const uncached: number[] = [];
      for (let i = 0; i < uncachedRounds; i++) {
        await bump();
        uncached.push(await run());
      }
      const cached: number[] = [];
      for (let i = 0; i < cachedRounds; i++) cached.push(await run());
      uncached.sort((a, b) => a - b);
      cached.sort((a, b) => a - b);
      table.push({
        dialect: kind,
        size,
        operation: name,
        statements: count,
        uncached: [percentile(uncached, 50), percentile(uncached, 99)],
        cached: [percentile(cached, 50), percentile(cached, 99)],
      });
    }
  } finally {
    logger.logQuery = original;
    await app.close();
  }
}

/** A script of bench/ in a process of its own (tsx), with only PATH and `env` set. */
function spawnBenchScript(
  script: string,
  stdin: 'ignore' | 'pipe',
  env: Record<string, string>,
): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: [stdin, 'pipe', 'inherit'],
  });
}

async function startBare(
  body: string,
  notModified?: { etag: string },
): Promise<{ port: number; pid: number; stop: () => void }> {
  const child = spawnBenchScript('bench/bare-server.ts', 'ignore', {
    BARE_BODY: body,
    ...(notModified ? { BARE_STATUS: '304', BARE_ETAG: notModified.etag } : {}),
  });
  const port = await new Promise<number>((resolve) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /BARE (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
  });
  return { port, pid: child.pid!, stop: () => child.kill('SIGKILL') };
}

/** bench/healthz-prober.ts in its own process; `stop` ends it and returns its latencies (ms). */
async function startProber(base: string): Promise<{ stop: () => Promise<number[]> }> {
  const child = spawnBenchScript('bench/healthz-prober.ts', 'pipe', { PROBE_BASE: base });
  let out = '';
  let probing = () => {};
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('PROBING')) probing();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const failed = (code: number | null) => new Error(`/healthz prober exited with ${code}: ${out}`);
  // A prober that fails (the API not answering) ends the benchmark with its output, not a hang.
  await Promise.race([
    new Promise<void>((resolve) => (probing = resolve)),
    exited.then((code) => Promise.reject(failed(code))),
  ]);
  return {
    async stop() {
      child.stdin!.end();
      const code = await exited;
      if (code !== 0) throw failed(code);
      return JSON.parse(out.slice(out.indexOf('PROBING') + 'PROBING'.length).trim()) as number[];
    },
  };
}

/** Peak and current resident memory of a process (Linux /proc), in MiB. */
function rssOf(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peak: kib('VmHWM') / 1024, now: kib('VmRSS') / 1024 };
}

async function overHttp(kind: DbKind, size: number, orm: MikroORM): Promise<void> {
  const env: Record<string, string> =
    kind === 'postgresql'
      ? { DATABASE_URL: orm.config.getClientUrl() }
      : { DATABASE_URL: '', SQLITE_PATH: String(orm.config.get('dbName')) };
  // The main thread's heap limit README recommends for production ("Production and scale"): V8
  // otherwise lets the old generation grow to hundreds of MB of garbage before collecting it. And
  // the malloc arenas scripts/start-api.sh sets.
  const nodeOptions = process.env.BENCH_NODE_OPTIONS ?? API_NODE_OPTIONS;
  const arenas = process.env.BENCH_MALLOC_ARENA_MAX ?? API_MALLOC_ARENA_MAX;
  const production = { NODE_OPTIONS: nodeOptions, ...(arenas ? { MALLOC_ARENA_MAX: arenas } : {}) };
  ratios.push(
    `${kind.padEnd(10)} ${String(size).padStart(7)}  ${await firstVisit({ ...env, ...production }, await oneFactWriter(orm))}`,
  );
  const api = await spawnServer({
    ...env,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...production,
    // Its loads start at once: a warm-up counting in the background would share their seconds.
    WARM_UP: '0',
  });
  try {
    const port = Number(new URL(api.base).port);
    for (const name of RATIO_OPERATIONS) {
      const body = JSON.stringify(OPERATIONS[name]);
      const answer = await fetch(`${api.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const bytes = await answer.text();
      const bare = await startBare(bytes);
      try {
        const rounds = await paired(
          api.child.pid!,
          { port, method: 'POST', path: '/graphql', body },
          bare.pid,
          { port: bare.port, method: 'POST', path: '/', body },
        );
        ratios.push(
          `${kind.padEnd(10)} ${String(size).padStart(7)}  ${name.padEnd(18)} ${describeRounds(rounds, true)}  (${bytes.length} bytes)`,
        );
      } finally {
        bare.stop();
      }
    }
    await overviewById(port, api.child.pid!, api.base, kind, size);
    await healthzDuringCompute(api.base, orm, kind, size);
    await mixedLoad(api.base, api.child.pid!, orm, kind, size);
    const rss = rssOf(api.child.pid!);
    ratios.push(
      `${kind.padEnd(10)} ${String(size).padStart(7)}  API process RSS after the load: ${rss.now.toFixed(0)} MiB (peak ${rss.peak.toFixed(0)} MiB)`,
    );
  } finally {
    await api.stop();
  }
}

// Every segment stale too: an uncached figure is measured, not one from cached segments.
const bumpVersion = (orm: MikroORM) =>
  orm.em.fork().transactional((tx) => bumpDataVersion(tx, { allSegments: true }));

/** Milliseconds one request takes (status 200 expected unless said). */
async function timedFetch(url: string, init?: RequestInit): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return performance.now() - started;
}

/**
 * /healthz asked every 10 ms (one client, in a process of its own: bench/healthz-prober.ts) while
 * uncached overviews are computed one after the other: its p50/p99/max show how long the
 * computation holds the API's event loop.
 */
async function healthzDuringCompute(
  base: string,
  orm: MikroORM,
  kind: DbKind,
  size: number,
): Promise<void> {
  const body = JSON.stringify(OPERATIONS.overview);
  const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
  const overviews: number[] = [];
  const prober = await startProber(base);
  for (let i = 0; i < Math.max(3, Math.min(uncachedRounds, 5)); i++) {
    await bumpVersion(orm);
    overviews.push(await timedFetch(`${base}/graphql`, post));
  }
  const probes = await prober.stop();
  probes.sort((a, b) => a - b);
  overviews.sort((a, b) => a - b);
  ratios.push(
    `${kind.padEnd(10)} ${String(size).padStart(7)}  /healthz during uncached overviews (${overviews.length}, p50 ${ms(percentile(overviews, 50))} ms over HTTP): ${probes.length} probes, p50 ${ms(percentile(probes, 50))} ms, p99 ${ms(percentile(probes, 99))} ms, max ${ms(probes.at(-1) ?? NaN)} ms`,
  );
}

/**
 * BENCH_MIXED_SECONDS (default 30 at 100,000 products and more, else 5) of 8 clients each asking,
 * in turn, the dashboard's overview by id (GET, stored answer), stats unit × stars and products
 * first:40 (POST), while the data version is raised every 2 s (so overviews are recomputed:
 * cached and uncached answers mixed); the API process's peak RSS over its whole life after it.
 */
async function mixedLoad(
  base: string,
  pid: number,
  orm: MikroORM,
  kind: DbKind,
  size: number,
): Promise<void> {
  const seconds = Number(process.env.BENCH_MIXED_SECONDS ?? (size >= 100_000 ? 30 : 5));
  const manifest = JSON.parse(readFileSync(DEFAULT_MANIFEST, 'utf8')) as {
    operations: { id: string; name: string }[];
  };
  const byName = (name: string) => manifest.operations.find((op) => op.name === name)!;
  const variables = encodeURIComponent(JSON.stringify({ year: 2021, asOf: '2021-12-31' }));
  const post = (name: string) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OPERATIONS[name]),
  });
  const mix: [string, string, RequestInit | undefined][] = [
    [
      'overview GET id',
      `${base}/graphql?id=${byName('Plan').id}&variables=${variables}`,
      undefined,
    ],
    // The overview page's second request: its sparklines (each point's partials kept in the worker).
    [
      'trends GET id',
      `${base}/graphql?id=${byName('PlanTrends').id}&variables=${variables}`,
      undefined,
    ],
    ['stats unit×stars', `${base}/graphql`, post('stats unit×stars')],
    ['products first:40', `${base}/graphql`, post('products first:40')],
  ];
  const times = new Map<string, number[]>(mix.map(([name]) => [name, []]));
  const end = performance.now() + seconds * 1000;
  let bumps = 0;
  const bumper = (async () => {
    while (performance.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await bumpVersion(orm);
      bumps += 1;
    }
  })();
  await Promise.all(
    Array.from({ length: 8 }, async (_, client) => {
      for (let i = client; performance.now() < end; i++) {
        const [name, url, init] = mix[i % mix.length]!;
        times.get(name)!.push(await timedFetch(url, init));
      }
    }),
  );
  await bumper;
  const rss = rssOf(pid);
  const parts = [...times].map(([name, list]) => {
    list.sort((a, b) => a - b);
    return `${name} ${list.length} × p50 ${ms(percentile(list, 50))} / p99 ${ms(percentile(list, 99))} ms`;
  });
  ratios.push(
    `${kind.padEnd(10)} ${String(size).padStart(7)}  mixed load ${seconds} s (8 clients, data version raised ${bumps}×): ${parts.join('; ')}; API RSS now ${rss.now.toFixed(0)} MiB, peak ${rss.peak.toFixed(0)} MiB`,
  );
}

/** CPU time (user + system, ms) a process has used so far (Linux /proc; 100 ticks a second). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * req/s of a load, and the server process's CPU microseconds per answer during it: on a machine
 * other jobs share, the CPU cost per answer is steadier than req/s.
 */
async function measured(
  pid: number,
  target: LoadTarget,
): Promise<{ rate: number; cpuMicros: number }> {
  await settled(pid);
  let cpu = 0;
  let started = 0;
  const rate = await requestsPerSecond(target, seconds, 8, 1, () => {
    cpu = cpuMsOf(pid);
    started = performance.now();
  });
  const answers = (rate * (performance.now() - started)) / 1000;
  return { rate, cpuMicros: ((cpuMsOf(pid) - cpu) * 1000) / answers };
}

/**
 * Waits until the process is idle (under 2% of a core over a quarter of a second, 60 s at most).
 * The first answer of a ratio's operation is computed cold, and at 100,000 products the worker
 * thread then keeps that computation's partials for a few seconds more: measured meanwhile, the
 * API's first round counted that work as the cached answers' (310 µs of CPU per cached POST
 * overview, against about 130 µs at rest).
 */
async function settled(pid: number): Promise<void> {
  const until = performance.now() + 60_000;
  for (;;) {
    const before = cpuMsOf(pid);
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (cpuMsOf(pid) - before < 5 || performance.now() > until) return;
  }
}

/** One round of a ratio: the API's load, then the bare server's. */
interface Round {
  api: { rate: number; cpuMicros: number };
  bare: { rate: number; cpuMicros: number };
}

/** `ratioRounds` rounds of the API's load and the bare server's, in turn. */
async function paired(
  apiPid: number,
  apiTarget: LoadTarget,
  barePid: number,
  bareTarget: LoadTarget,
): Promise<Round[]> {
  const rounds: Round[] = [];
  for (let i = 0; i < ratioRounds; i++)
    rounds.push({
      api: await measured(apiPid, apiTarget),
      bare: await measured(barePid, bareTarget),
    });
  return rounds;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** "API … req/s  bare … req/s  ratio <median> (<lowest>–<highest>, n rounds)", medians of rounds. */
function describeRounds(rounds: Round[], withCpu = false): string {
  const ratios = rounds.map((r) => r.api.rate / r.bare.rate);
  const range =
    rounds.length > 1
      ? ` (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}, ${rounds.length} rounds)`
      : '';
  const apiRate = median(rounds.map((r) => r.api.rate));
  const bareRate = median(rounds.map((r) => r.bare.rate));
  let text = `API ${apiRate.toFixed(0).padStart(6)} req/s  bare node:http ${bareRate.toFixed(0).padStart(6)} req/s  ratio ${median(ratios).toFixed(3)}${range}`;
  if (withCpu) {
    const apiCpu = median(rounds.map((r) => r.api.cpuMicros));
    const bareCpu = median(rounds.map((r) => r.bare.cpuMicros));
    text += `; CPU per request ${apiCpu.toFixed(0)} vs ${bareCpu.toFixed(0)} µs, ratio ${(bareCpu / apiCpu).toFixed(3)}`;
  }
  return text;
}

/** The dashboard's overview as the built dashboard asks it: GET by id, then revalidated (304). */
async function overviewById(
  port: number,
  pid: number,
  base: string,
  kind: DbKind,
  size: number,
): Promise<void> {
  const manifest = JSON.parse(readFileSync(DEFAULT_MANIFEST, 'utf8')) as {
    operations: { id: string; name: string }[];
  };
  const plan = manifest.operations.find((op) => op.name === 'Plan')!;
  const variables = encodeURIComponent(JSON.stringify({ year: 2021, asOf: '2021-12-31' }));
  const path = `/graphql?id=${plan.id}&variables=${variables}`;
  const first = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'identity' } });
  const bytes = await first.text();
  const etag = first.headers.get('etag') ?? '';
  if (first.status !== 200 || !etag)
    throw new Error(`GET by id: ${first.status} ${bytes.slice(0, 300)}`);
  const runs: [string, LoadTarget, LoadTarget, { etag: string } | undefined][] = [
    [
      'overview GET id 200',
      { port, method: 'GET', path },
      { port: 0, method: 'GET', path: '/' },
      undefined,
    ],
    // The floor of any answer through the app's Fastify stack (hooks, headers, no work at all).
    [
      '/healthz (floor)',
      { port, method: 'GET', path: '/healthz' },
      { port: 0, method: 'GET', path: '/' },
      undefined,
    ],
    [
      'overview GET id 304',
      { port, method: 'GET', path, headers: { 'if-none-match': etag }, status: 304 },
      { port: 0, method: 'GET', path: '/', status: 304 },
      { etag },
    ],
  ];
  for (const [name, apiTarget, bareTarget, notModified] of runs) {
    const bare = await startBare(bytes, notModified);
    try {
      const rounds = await paired(pid, apiTarget, bare.pid, { ...bareTarget, port: bare.port });
      ratios.push(
        `${kind.padEnd(10)} ${String(size).padStart(7)}  ${name.padEnd(18)} ${describeRounds(rounds, true)}  (${notModified ? 0 : bytes.length} bytes${name.startsWith('/healthz') ? ' from bare' : ''})`,
      );
    } finally {
      bare.stop();
    }
  }
}

for (const kind of dialects) {
  for (const size of sizes) {
    const { orm, note } = await benchDatabase(kind, size);
    try {
      console.log(`[${kind} ${size}] ${note}`);
      if (!process.env.BENCH_HTTP_ONLY) await inProcess(kind, size, orm);
      await overHttp(kind, size, orm);
    } finally {
      await releaseBenchDatabase(orm);
    }
  }
}

console.log(
  `\n${'dialect'.padEnd(10)} ${'products'.padStart(8)}  ${'operation'.padEnd(18)} ${'SQL'.padStart(3)}  ${'uncached p50/p99 ms'.padStart(19)}  ${'cached p50/p99 ms'.padStart(17)}`,
);
for (const r of table)
  console.log(
    `${r.dialect.padEnd(10)} ${String(r.size).padStart(8)}  ${r.operation.padEnd(18)} ${String(r.statements).padStart(3)}  ${`${ms(r.uncached[0])} / ${ms(r.uncached[1])}`.padStart(19)}  ${`${ms(r.cached[0])} / ${ms(r.cached[1])}`.padStart(17)}`,
  );
console.log(
  `\nreq/s over HTTP, ${seconds} s each after 1 s of warm-up, 8 keep-alive clients, API and bare server in turn ${ratioRounds}× (medians; same run, same machine; load average at the end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}):`,
);
for (const line of ratios) console.log(line);
console.log(
  `\nbench process RSS at the end: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`,
);
