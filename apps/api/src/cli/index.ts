// Command line: `pnpm --filter @ocop/api cli <command>` (or the package scripts migrate, seed, import).
//   migrate                               apply pending migrations
//   seed                                  load data/seed (idempotent; SAMPLE_ACTIVITIES=0 to leave samples out)
//   import <file.csv> [--dry-run] [--skip-rejected]   import a decision list; exits 1 when rows are rejected
//   create-admin --email <email> [--password <pw>]    first admin (else OCOP_ADMIN_PASSWORD, else a prompt)
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadConfig } from '../config.js';
import { checkReadiness, createOrm } from '../db/orm.js';
import { seedDatabase } from '../db/seed.js';
import { importDecisionList } from '../modules/imports/decision-list-importer.js';
import { createAdmin } from './create-admin.js';
import { formatImportReport } from './format-report.js';

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
  const orm = await createOrm(config);
  try {
    if (command === 'create-admin') return await createAdmin(orm, args, config.OCOP_ADMIN_PASSWORD);
    if (command === 'migrate') {
      const readiness = await checkReadiness(orm);
      console.log(
        `database reachable: ${readiness.database}; pending migrations: ${readiness.migrationsPending}`,
      );
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
    let lastShown = 0;
    const report = await importDecisionList(orm.em.fork(), {
      fileName: basename(file!),
      content,
      dryRun: args.includes('--dry-run'),
      skipRejected: args.includes('--skip-rejected'),
      onProgress: (done, total) => {
        if (total >= 200 && (done - lastShown >= 100 || done === total)) {
          lastShown = done;
          process.stderr.write(`\r  ${done}/${total} rows written`);
          if (done === total) process.stderr.write('\n');
        }
      },
    });
    console.log(formatImportReport(report));
    return report.fileErrors.length || report.totals.rejected ? 1 : 0;
  } finally {
    await orm.close(true);
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
