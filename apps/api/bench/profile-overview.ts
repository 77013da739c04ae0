// Where the uncached overview's time goes (prints figures): on a kept bench database
// (bench/bench-db.ts, BENCH_KEEP=1) of BENCH_SIZES products, times the fact statement alone (SQL +
// row transfer), its fields turned into the domain's PlanFacts (factsOfFields, as the worker
// thread does) and indexed (indexFacts), every 2021 target's metric computed over them, and the
// whole overview through GraphQL (the data version raised before each request so nothing is
// cached). With BENCH_OUTCOMES=<file>, the JSON of every target's progress is written there when
// the file does not exist, and otherwise compared with it (a difference fails the run): run it
// once on the code before a change and again after, to show the outcomes are the same.
//   BENCH_KEEP=1 BENCH_SIZES=100000 BENCH_DIALECTS=postgresql pnpm --filter @ocop/api exec \
//     bash ../../scripts/with-pg.sh tsx bench/profile-overview.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { computeTargetProgress, factSelection, indexFacts } from '@ocop/domain';
import { loadConfig } from '../src/config.js';
import type { DbKind } from '../src/db/orm-config.js';
import { bumpDataVersion } from '../src/modules/data-version/data-version.service.js';
import { Plan } from '../src/modules/plans/plan.entity.js';
import { PlanTarget } from '../src/modules/plans/plan-target.entity.js';
import { factsOfFields } from '../src/modules/plans/plan-facts.columns.js';
import { selectFactFields } from '../src/modules/plans/plan-facts.query.js';
import { loadPlanFacts, loadPlanUnits } from '../src/modules/plans/plan.repository.js';
import { createServer } from '../src/server.js';
import { domainTargetOf } from '../src/modules/plans/plan-facts.js';
import { benchDatabase, releaseBenchDatabase } from './bench-db.js';

const sizes = (process.env.BENCH_SIZES ?? '100000').split(',').map(Number);
const dialects = (process.env.BENCH_DIALECTS ?? 'postgresql').split(',') as DbKind[];
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const outcomesFile = process.env.BENCH_OUTCOMES;

const OVERVIEW = {
  query: `query Plan($year: Int!, $asOf: Date) { plan(year: $year) {
    id year code title issuedOn periodStart periodEnd
    targets(asOf: $asOf) { id code kind labelVi labelEn definition definitionVi targetValue targetMax
      unitLabel owner { id code nameVi nameEn }
      progress(asOf: $asOf) { asOf actual numerator denominator target targetMax ratio met
        aboveUpperBound status statusRule statusReason statusReasonCode
        statusReasonParams { name number date } noData yearOnlyRecords sampleRecords
        perUnit { unit { id code name } value met } } } } }`,
  variables: { year: 2021, asOf: '2021-12-31' },
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Wall time, and this process's CPU time (steadier on a shared machine), in ms. */
const cpu = new Map<number[], number[]>();
async function timed<T>(times: number[], run: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  const result = await run();
  times.push(performance.now() - started);
  const used = process.cpuUsage(startedCpu);
  cpu.set(times, [...(cpu.get(times) ?? []), (used.user + used.system) / 1000]);
  return result;
}
const both = (times: number[]) =>
  `p50 ${median(times).toFixed(1)} ms (CPU of this process ${median(cpu.get(times) ?? [NaN]).toFixed(1)} ms)`;

for (const kind of dialects) {
  for (const size of sizes) {
    const { orm, note } = await benchDatabase(kind, size);
    try {
      console.log(`[${kind} ${size}] ${note}`);
      const em = orm.em.fork();
      const plan = (await em.findOne(Plan, { year: 2021 }))!;
      const targets = await em.find(PlanTarget, { plan }, { populate: ['owner'] });
      const units = await loadPlanUnits(em, plan);
      const asOf = '2021-12-31';
      const period = { start: '2021-01-01', end: '2021-12-31' };
      const t = {
        sql: [] as number[],
        load: [] as number[],
        build: [] as number[],
        index: [] as number[],
        metrics: [] as number[],
      };
      const perMetric = new Map<string, number[]>();
      let chars = 0;
      for (let i = 0; i < rounds; i++) {
        const { from, to } = factSelection(period, asOf);
        const fields = await timed(t.sql, () => selectFactFields(em, { from, to }));
        chars = Object.values(fields).reduce((n, v) => n + (v?.length ?? 0), 0);
        await timed(t.load, () => loadPlanFacts(em, plan, { asOf, units }));
        // The worker's part (plan-progress-worker.ts): the same fields to PlanFacts, then indexed.
        const facts = await timed(t.build, () =>
          factsOfFields(
            fields,
            units.map((u) => ({ code: u.code, name: u.name })),
          ),
        );
        await timed(t.index, () => indexFacts(facts));
        const outcomes: unknown[] = [];
        await timed(t.metrics, async () => {
          for (const target of targets) {
            const started = performance.now();
            const progress = computeTargetProgress(domainTargetOf(target, period), facts, asOf);
            outcomes.push(progress);
            const list = perMetric.get(target.metric) ?? [];
            list.push(performance.now() - started);
            perMetric.set(target.metric, list);
          }
        });
        if (outcomesFile && i === 0) {
          const json = JSON.stringify(outcomes);
          if (!existsSync(outcomesFile)) {
            writeFileSync(outcomesFile, json);
            console.log(`  outcomes written to ${outcomesFile} (${json.length} characters)`);
          } else if (readFileSync(outcomesFile, 'utf8') !== json) {
            throw new Error(`the outcomes differ from those in ${outcomesFile}`);
          } else console.log(`  outcomes identical to ${outcomesFile} (${json.length} characters)`);
        }
      }
      console.log(`  fact statement (SQL + transfer, ${chars} characters): ${both(t.sql)}`);
      console.log(`  statement + PlanFacts: ${both(t.load)}`);
      console.log(`  PlanFacts from the fields (factsOfFields): ${both(t.build)}`);
      console.log(`  fact index (indexFacts): ${both(t.index)}`);
      console.log(`  ${targets.length} metrics + progress: ${both(t.metrics)}`);
      for (const [metric, times] of perMetric)
        console.log(`    ${metric.padEnd(36)} p50 ${median(times).toFixed(1)} ms`);

      const app = await createServer(
        loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000000' }),
        orm,
      );
      const whole: number[] = [];
      for (let i = 0; i < rounds; i++) {
        // Every segment stale too: the whole figure is computed each round.
        await orm.em.fork().transactional((tx) => bumpDataVersion(tx, { allSegments: true }));
        await timed(whole, async () => {
          const res = await app.inject({ method: 'POST', url: '/graphql', payload: OVERVIEW });
          if (res.statusCode !== 200 || res.json().errors) throw new Error(res.body.slice(0, 300));
        });
      }
      await app.close();
      console.log(`  overview through GraphQL, uncached: ${both(whole)}`);
    } finally {
      await releaseBenchDatabase(orm);
    }
  }
}
