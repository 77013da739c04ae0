// Where a segmented overview's time goes (prints figures): on a kept bench database
// (bench/bench-db.ts, BENCH_KEEP=1), times the fact statement and the worker's computation
// (run here, in this thread) with every segment stale (cold), then after a write of one
// evaluation (one segment stale), BENCH_ROUNDS times each.
// With BENCH_CPU_PROFILE=<dir>, each mode's rounds but the first are CPU-profiled (node:inspector)
// into <dir>/cold.cpuprofile and <dir>/write.cpuprofile (open them in Chrome's DevTools).
//   BENCH_SIZES=100000 BENCH_DIALECTS=postgresql pnpm --filter @ocop/api exec \
//     bash ../../scripts/with-pg.sh tsx bench/profile-segments.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { factSelection } from '@ocop/domain';
import type { DbKind } from '../src/db/orm-config.js';
import { bumpDataVersion } from '../src/modules/data-version/data-version.service.js';
import { Plan } from '../src/modules/plans/plan.entity.js';
import { PlanTarget } from '../src/modules/plans/plan-target.entity.js';
import { selectSegmentFactFields } from '../src/modules/plans/plan-facts.query.js';
import { PLAN_FIGURES } from '../src/modules/plans/plan-progress-figures.js';
import {
  keptIds,
  computeSegmentedJob,
  knownSegments,
  storeKeyOf,
} from '../src/modules/plans/plan-progress-segments.js';
import { loadPlanUnits } from '../src/modules/plans/plan.repository.js';
import { domainTargetOf } from '../src/modules/plans/plan-facts.js';
import { benchDatabase, releaseBenchDatabase } from './bench-db.js';

const sizes = (process.env.BENCH_SIZES ?? '100000').split(',').map(Number);
const dialects = (process.env.BENCH_DIALECTS ?? 'postgresql').split(',') as DbKind[];
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const profileDir = process.env.BENCH_CPU_PROFILE;
const profiler = profileDir ? new Session() : null;
if (profiler) {
  mkdirSync(profileDir!, { recursive: true });
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
}

for (const kind of dialects)
  for (const size of sizes) {
    const { orm, note } = await benchDatabase(kind, size);
    try {
      console.log(`[${kind} ${size}] ${note}`);
      const em = orm.em.fork();
      const plan = (await em.findOne(Plan, { year: 2021, code: { $ne: null } }))!;
      const targets = await em.find(PlanTarget, { plan }, { orderBy: { sortOrder: 'asc' } });
      const units = (await loadPlanUnits(em, plan)).map((u) => ({ code: u.code, name: u.name }));
      const period = { start: '2021-01-01', end: '2021-12-31' };
      const asOf = '2021-12-31';
      const { from, to } = factSelection(period, asOf);
      const domainTargets = targets.map((t) => domainTargetOf(t, period));
      const key = storeKeyOf(
        period,
        asOf,
        domainTargets.map((t) => t.metric),
        PLAN_FIGURES,
      );
      const { lo } = (await em
        .getConnection()
        .execute('select min(id) as lo from evaluation', [], 'get')) as { lo: number };
      const gcBefore = (globalThis as { gc?: () => void }).gc;
      if (gcBefore) {
        gcBefore();
        console.log(
          `  heap used before: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
        );
      }
      for (const mode of ['cold', 'one evaluation written'] as const) {
        const roundsOf =
          mode === 'cold' && process.env.BENCH_COLD_ROUNDS
            ? Number(process.env.BENCH_COLD_ROUNDS)
            : rounds;
        const sql: number[] = [];
        const compute: number[] = [];
        let read = 0;
        for (let i = 0; i < roundsOf; i++) {
          await orm.em.fork().transactional(async (tx) => {
            if (mode !== 'cold')
              await tx
                .getConnection()
                .execute(
                  'update evaluation set stars = stars where id = ?',
                  [Number(lo) + i * 97],
                  'run',
                  tx.getTransactionContext(),
                );
            await bumpDataVersion(tx, { allSegments: mode === 'cold' });
          });
          // The first round warms the code up; the profile covers the others.
          if (profiler && i === 1) await profiler.post('Profiler.start');
          // A cold computation's partials are kept in slices, one a turn; the next statement starts
          // meanwhile and its computation finishes them if it needs them (knownSegments).
          await new Promise((resolve) => setImmediate(resolve));
          const known = knownSegments(key);
          let started = performance.now();
          const got = await selectSegmentFactFields(
            orm.em.fork(),
            { from, to },
            {
              epoch: known.epoch,
              versions: new Map(known.versions),
            },
          );
          sql.push(performance.now() - started);
          read = Object.values(got.fields).reduce((n, v) => n + (v?.length ?? 0), 0);
          started = performance.now();
          const outcomes = computeSegmentedJob({
            key,
            units,
            targets: domainTargets,
            figures: PLAN_FIGURES,
            answerFigures: false,
            countedIds: false,
            period,
            asOf,
            ...got,
          });
          compute.push(performance.now() - started);
          if (outcomes === 'retry') throw new Error('retry');
        }
        if (profiler && roundsOf > 1) {
          const { profile } = await profiler.post('Profiler.stop');
          const name = mode === 'cold' ? 'cold' : 'write';
          writeFileSync(join(profileDir!, `${name}.cpuprofile`), JSON.stringify(profile));
        }
        if (
          process.env.BENCH_EXPLAIN &&
          (mode === 'cold') === (process.env.BENCH_EXPLAIN === 'cold')
        ) {
          // The statement once more, planned and run by EXPLAIN ANALYZE (PostgreSQL).
          const logger = orm.config.getLogger();
          const original = logger.logQuery.bind(logger);
          let last = '';
          let params: unknown[] = [];
          logger.logQuery = (context) => {
            last = context.query ?? '';
            params = (context.params ?? []) as unknown[];
            original(context);
          };
          const known = knownSegments(key);
          await selectSegmentFactFields(
            orm.em.fork(),
            { from, to },
            {
              epoch: known.epoch,
              versions: new Map(known.versions),
            },
          );
          logger.logQuery = original;
          const plan = await orm.em
            .fork()
            .getConnection()
            .execute(`explain (analyze, costs off) ${last}`, params);
          console.log(plan.map((r: Record<string, string>) => Object.values(r)[0]).join('\n'));
        }
        // With --expose-gc: the heap the kept partials and merges hold (this thread keeps them
        // as the worker would).
        const gc = (globalThis as { gc?: () => void }).gc;
        if (gc) {
          gc();
          console.log(
            `  heap used after ${mode}: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB; ids listed by the kept partials: ${keptIds()}`,
          );
        }
        console.log(
          `  ${mode}: statement p50 ${median(sql).toFixed(1)} ms (${read} characters read), worker computation p50 ${median(compute).toFixed(1)} ms`,
        );
      }
    } finally {
      await releaseBenchDatabase(orm);
    }
  }
