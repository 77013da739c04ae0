// Command line: `pnpm --filter @ocop/api cli <command>` (or the package scripts migrate, seed, import).
//   migrate                               apply pending migrations
//   seed                                  load data/seed (idempotent; SAMPLE_ACTIVITIES=0 to leave samples out)
//   import <file.csv> [--dry-run] [--skip-rejected]   import a decision list; exits 1 when rows are rejected
//   create-admin --email <email> [--password <pw>]    first admin (else OCOP_ADMIN_PASSWORD, else a prompt)
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { loadConfig } from '../config.js';
import { checkReadiness, createOrm } from '../db/orm.js';
import { startFailureMessage } from '../db/start-failure.js';
import { seedDatabase } from '../db/seed.js';
import { importDecisionList } from '../modules/imports/decision-list-importer.js';
import { createAdmin } from './create-admin.js';
import { formatImportReport } from './format-report.js';
import {
  ImportAborted,
  importProblemsPage,
  type ProblemRow,
} from '../modules/imports/import.service.js';

const USAGE =
  'usage: cli migrate | seed | import <file.csv> [--dry-run] [--skip-rejected] | create-admin --email <email> [--password <pw>]';

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || !['migrate', 'seed', 'import', 'create-admin'].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const file = args.find((a) => !a.startsWith('--'));
  if (command === 'import' && !file) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  // `wait`: a command serves no requests, so on SQLite it may wait inside SQLite for a lock, and
  // its import's transaction begins deferred: staging it takes no lock on the file, and an API
  // process on the same file keeps writing meanwhile (db/sqlite-connection.ts).
  let orm: Awaited<ReturnType<typeof createOrm>>;
  try {
    orm = await createOrm(config, { sqliteBusy: 'wait' });
  } catch (error) {
    console.error(startFailureMessage(error, config));
    return 1;
  }
  try {
    if (command === 'create-admin') return await createAdmin(orm, args, config.OCOP_ADMIN_PASSWORD);
    if (command === 'migrate') {
      const readiness = await checkReadiness(orm);
      console.log(
        `database reachable: ${readiness.database}; pending migrations: ${readiness.migrationsPending}` +
          (readiness.searchIndexes ? `; search indexes: ${readiness.searchIndexes}` : ''),
      );
      if (readiness.searchIndexes === 'missing')
        console.log('search runs without its trigram indexes: see README, "Search indexes"');
      return readiness.migrationsPending === 0 ? 0 : 1;
    }
    if (command === 'seed') {
      const summary = await seedDatabase(orm, { sampleActivities: config.SAMPLE_ACTIVITIES });
      for (const report of summary.products) console.log(formatImportReport(report));
      console.log(
        `added: ${summary.units} units, ${summary.departments} departments, ${summary.targets} targets, ${summary.tasks} tasks, ` +
          `${summary.publishedFigures} published figures, ${summary.sampleActivities} SAMPLE activities`,
      );
      return 0;
    }
    const content = readFileSync(file!);
    // Ctrl-C or a stop signal aborts the import cleanly: nothing written, the run says aborted.
    const stop = new AbortController();
    const onSignal = () => stop.abort(new ImportAborted('interrupted'));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const report = await importDecisionList(orm.em.fork(), {
      fileName: basename(file!),
      content,
      dryRun: args.includes('--dry-run'),
      skipRejected: args.includes('--skip-rejected'),
      signal: stop.signal,
      onProgress: (done, total) => {
        if (total >= 1000) process.stderr.write(`\r  ${done}/${total} rows read`);
      },
    });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (report.totals.rows >= 1000) process.stderr.write('\n');
    console.log(formatImportReport(report, await allProblems(orm, report.runId)));
    return report.fileErrors.length || report.totals.rejected ? 1 : 0;
  } finally {
    await orm.close(true);
  }
}

/** Every problem row of a run, read page by page. */
async function allProblems(orm: MikroORM, runId: number | null): Promise<ProblemRow[]> {
  const rows: ProblemRow[] = [];
  if (runId === null) return rows;
  for (;;) {
    const [page, total] = await importProblemsPage(orm.em, runId, {
      offset: rows.length,
      limit: 1000,
    });
    rows.push(...page);
    if (!page.length || rows.length >= total) return rows;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
