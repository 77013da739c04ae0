// `pnpm perf:web`: Lighthouse (the `lighthouse` npm package) with Debian's Chromium against the built
// dashboard served by the built API on a fresh seeded SQLite file (src/server.ts), on `/` and
// `/figures`, with the mobile (default, simulated Slow 4G + 4× CPU) and desktop presets. Each
// metric is the median of RUNS cold runs (a new Chromium profile per run). Prints one table and
// exits 1 when a budget of issue 13 fails. Not part of `pnpm test` or the e2e suite: it takes
// minutes on a shared machine.
//
// Options: PERF_RUNS (default 3), PERF_PATHS (comma-separated, default "/,/figures"),
// PERF_SKIP_BUILD=1 (use apps/*/dist as they are), CHROMIUM_PATH (default /usr/bin/chromium),
// PERF_BASELINE=<another checkout, built> (also measure that checkout's build, run for run
// alternating with this one, so both see the same machine load; budgets apply to this build),
// PERF_JSON=<file> (write every run's numbers there), PERF_LHR_DIR=<dir> (keep every Lighthouse report
// as JSON there, to read the LCP element, the layout shifts and the long tasks).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { repoRoot, startApi } from '../src/server';

const RUNS = Number(process.env.PERF_RUNS ?? 3);
const PATHS = (process.env.PERF_PATHS ?? '/,/figures').split(',').filter(Boolean);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
type Preset = 'mobile' | 'desktop';
const PRESETS: Preset[] = ['mobile', 'desktop'];

/** Issue 13, "Speed and stability". */
const BUDGET = {
  performance: 95,
  cls: 0.05,
  /** Under Lighthouse's mobile throttling (simulated). */
  lcpMobileMs: 2500,
  /** On localhost without throttling: the LCP Lighthouse observed in the desktop trace. */
  lcpObservedMs: 1000,
  /** Scripts downloaded while the page loads, as the API sends them with gzip. */
  jsGzipKb: 150,
};

interface RunResult {
  performance: number;
  cls: number;
  lcp: number;
  lcpObserved: number;
  tbt: number;
  jsGzipKb: number;
  scripts: string[];
}

async function launchChromium(): Promise<{ port: number; close(): void }> {
  const profile = mkdtempSync(join(tmpdir(), 'ocop-lighthouse-'));
  const child = spawn(
    CHROMIUM,
    [
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      'about:blank',
    ],
    // Own process group, so closing ends the launcher script and every Chromium process under it.
    { detached: true, stdio: 'ignore' },
  );
  const close = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(profile, { recursive: true, force: true });
  };
  const portFile = join(profile, 'DevToolsActivePort');
  for (let i = 0; i < 300; i += 1) {
    if (existsSync(portFile)) {
      const port = Number(readFileSync(portFile, 'utf8').split('\n')[0]);
      if (port > 0) return { port, close };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  close();
  throw new Error(`${CHROMIUM} did not open a DevTools port within 30 s`);
}

const gzipSizes = new Map<string, number>();
/** Bytes of a file as the API sends it to a client that accepts gzip only. */
function gzipSize(url: string): Promise<number> {
  const known = gzipSizes.get(url);
  if (known !== undefined) return Promise.resolve(known);
  return new Promise((ok, fail) => {
    request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => {
        gzipSizes.set(url, bytes);
        ok(bytes);
      });
      res.on('error', fail);
    })
      .on('error', fail)
      .end();
  });
}

interface NetworkItem {
  url: string;
  resourceType?: string;
}

async function runOnce(url: string, preset: Preset): Promise<RunResult> {
  const chrome = await launchChromium();
  try {
    const flags = {
      port: chrome.port,
      output: 'json' as const,
      logLevel: 'error' as const,
      onlyCategories: ['performance'],
    };
    const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
    if (process.env.PERF_LHR_DIR) {
      mkdirSync(process.env.PERF_LHR_DIR, { recursive: true });
      const name = `${new URL(url).pathname.replace(/\W+/g, '_')}-${preset}-${Date.now()}.json`;
      writeFileSync(join(process.env.PERF_LHR_DIR, name), JSON.stringify(lhr));
    }
    const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    const metrics = lhr.audits.metrics?.details as
      { items: Array<{ observedLargestContentfulPaint?: number }> } | undefined;
    const requests = (lhr.audits['network-requests']?.details as { items: NetworkItem[] }).items;
    const scripts = requests
      .filter((r) => r.resourceType === 'Script' && r.url.startsWith(new URL(url).origin))
      .map((r) => r.url);
    const sizes = await Promise.all(scripts.map(gzipSize));
    return {
      performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      cls: audit('cumulative-layout-shift'),
      lcp: audit('largest-contentful-paint'),
      lcpObserved: metrics?.items[0]?.observedLargestContentfulPaint ?? Number.NaN,
      tbt: audit('total-blocking-time'),
      jsGzipKb: sizes.reduce((a, b) => a + b, 0) / 1000,
      scripts: scripts.map((s) => new URL(s).pathname),
    };
  } finally {
    chrome.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Row {
  build: string;
  path: string;
  preset: Preset;
  runs: RunResult[];
  median: Omit<RunResult, 'scripts'>;
  failures: string[];
}

function check(row: Omit<Row, 'failures'>): string[] {
  const m = row.median;
  const failures: string[] = [];
  if (m.performance < BUDGET.performance)
    failures.push(`performance ${m.performance} < ${BUDGET.performance}`);
  if (m.cls > BUDGET.cls) failures.push(`CLS ${m.cls.toFixed(3)} > ${BUDGET.cls}`);
  if (row.preset === 'mobile' && m.lcp > BUDGET.lcpMobileMs)
    failures.push(`LCP ${(m.lcp / 1000).toFixed(2)} s > ${BUDGET.lcpMobileMs / 1000} s`);
  if (row.preset === 'desktop' && m.lcpObserved > BUDGET.lcpObservedMs)
    failures.push(
      `unthrottled LCP ${(m.lcpObserved / 1000).toFixed(2)} s > ${BUDGET.lcpObservedMs / 1000} s`,
    );
  if (m.jsGzipKb > BUDGET.jsGzipKb)
    failures.push(`JS ${m.jsGzipKb.toFixed(1)} kB gzip > ${BUDGET.jsGzipKb} kB`);
  return failures;
}

function table(rows: Row[]): string {
  const head = [
    'build',
    'page',
    'preset',
    'perf',
    'CLS',
    'LCP s',
    'LCP unthrottled s',
    'TBT ms',
    'JS kB gzip',
    'budget',
  ];
  const body = rows.map((r) => [
    r.build,
    r.path,
    r.preset,
    String(r.median.performance),
    r.median.cls.toFixed(3),
    (r.median.lcp / 1000).toFixed(2),
    (r.median.lcpObserved / 1000).toFixed(2),
    Math.round(r.median.tbt).toString(),
    r.median.jsGzipKb.toFixed(1),
    r.build !== 'this' ? '–' : r.failures.length ? `FAIL: ${r.failures.join('; ')}` : 'ok',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...body.map(line),
  ].join('\n');
}

async function main(): Promise<void> {
  if (process.env.PERF_SKIP_BUILD !== '1') {
    // Turbo replays its cache when nothing changed, so this is quick after the first build.
    execFileSync(
      'pnpm',
      [
        'turbo',
        'run',
        'build',
        '--filter=@ocop/api',
        '--filter=@ocop/web',
        '--output-logs=errors-only',
      ],
      { cwd: repoRoot, stdio: 'inherit' },
    );
  }
  const builds: { label: string; server: Awaited<ReturnType<typeof startApi>> }[] = [];
  const rows: Row[] = [];
  const loadBefore = loadavg()[0]!;
  try {
    if (process.env.PERF_BASELINE) {
      // The other checkout's own server module, so it serves that checkout's builds.
      const other = (await import(join(process.env.PERF_BASELINE, 'e2e/src/server.ts'))) as {
        startApi: typeof startApi;
      };
      builds.push({ label: 'baseline', server: await other.startApi() });
    }
    builds.push({ label: 'this', server: await startApi() });
    for (const path of PATHS) {
      for (const preset of PRESETS) {
        const runs = new Map<string, RunResult[]>(builds.map((b) => [b.label, []]));
        for (let i = 0; i < RUNS; i += 1) {
          for (const { label, server } of builds) {
            const run = await runOnce(`${server.baseUrl}${path}`, preset);
            process.stderr.write(
              `${label} ${path} ${preset} run ${i + 1}/${RUNS}: perf ${run.performance}, CLS ${run.cls.toFixed(3)}, LCP ${Math.round(run.lcp)} ms, TBT ${Math.round(run.tbt)} ms, JS ${run.jsGzipKb.toFixed(1)} kB\n`,
            );
            runs.get(label)!.push(run);
          }
        }
        for (const { label } of builds) {
          const list = runs.get(label)!;
          const pick = (k: keyof Omit<RunResult, 'scripts'>) => median(list.map((r) => r[k]));
          const row = {
            build: label,
            path,
            preset,
            runs: list,
            median: {
              performance: pick('performance'),
              cls: pick('cls'),
              lcp: pick('lcp'),
              lcpObserved: pick('lcpObserved'),
              tbt: pick('tbt'),
              jsGzipKb: pick('jsGzipKb'),
            },
          };
          rows.push({ ...row, failures: label === 'this' ? check(row) : [] });
        }
      }
    }
  } finally {
    for (const { server } of builds) await server.stop();
  }
  console.log(
    `\nLighthouse ${RUNS > 1 ? `median of ${RUNS} runs` : '1 run'} (${CHROMIUM}); budgets: performance ≥ ${BUDGET.performance}, CLS ≤ ${BUDGET.cls}, LCP ≤ ${BUDGET.lcpMobileMs / 1000} s mobile, LCP ≤ ${BUDGET.lcpObservedMs / 1000} s unthrottled, JS ≤ ${BUDGET.jsGzipKb} kB gzip\n`,
  );
  console.log(table(rows));
  // Lighthouse simulates throttling from the trace it observed: on a busy machine every task is
  // longer, and mobile multiplies that by 4 (TBT). Say how busy the machine was.
  console.log(
    `\nLoad average (1 min) ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, on ${cpus().length} CPUs.`,
  );
  if (process.env.PERF_JSON) writeFileSync(process.env.PERF_JSON, JSON.stringify(rows, null, 2));
  const failed = rows.filter((r) => r.failures.length > 0);
  if (failed.length > 0) {
    console.log(`\n${failed.length} of ${rows.length} page/preset combinations miss a budget.`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
