// Entry of the import worker thread (started by import-thread.ts, one per database): opens its own
// connection (a small pool on PostgreSQL; on SQLite a second connection to the file, in WAL mode
// so the API's reads are not blocked while it writes), runs steps (2)–(5) of each import it is
// sent with the same services as an in-process import, and posts each report back. The API thread
// reads the progress from the run's row, as any process can.
import { MikroORM } from '@mikro-orm/core';
import { parentPort, workerData } from 'node:worker_threads';
import type { OrmSettings } from '../../db/orm.js';
import { buildOrmOptions } from '../../db/orm-config.js';
import { continueImport } from './decision-list-importer.js';
import { auditImport } from './import-audit.js';
import { ImportAborted } from './import.service.js';
import type { ToHost, ToWorker, WorkerJob } from './import-thread.js';

const settings = workerData as OrmSettings;
const port = parentPort!;
const post = (message: ToHost) => port.postMessage(message);
const controllers = new Map<number, AbortController>();

// Opened once; a failure to connect fails the imports sent meanwhile, and the next one retries.
let opening: Promise<MikroORM> | null = null;
const orm = () =>
  (opening ??= MikroORM.init(
    // `wait`: on SQLite this thread may wait inside SQLite for the API's short writes (it blocks
    // only itself), and its transactions begin deferred, so staging an import into TEMP tables
    // takes no lock on the database file (decision-list-staging.ts).
    buildOrmOptions(settings.config, { ...settings.overrides, poolMax: 2, sqliteBusy: 'wait' }),
  ).catch((error: unknown) => {
    opening = null;
    throw error;
  }));

const running = new Set<Promise<void>>();

port.on('message', (message: ToWorker) => {
  if (message.type === 'abort')
    controllers.get(message.runId)?.abort(new ImportAborted(message.reason));
  else if (message.type === 'close') void close();
  else {
    const job = run(message.job);
    running.add(job);
    void job.finally(() => running.delete(job));
  }
});

/**
 * Ends the thread without `terminate()` (see closeWorker in import-thread.ts): aborts the running
 * imports (each rolls back and records its run), closes the connection, then closes the port, so
 * the thread has nothing left to run and exits.
 */
async function close(): Promise<void> {
  for (const controller of controllers.values())
    controller.abort(new ImportAborted('the import worker stopped'));
  await Promise.allSettled([...running]);
  const opened = opening;
  opening = null;
  const db = opened ? await opened.catch(() => null) : null;
  await db?.close(true);
  port.close();
}

async function run(job: WorkerJob): Promise<void> {
  const runId = job.started.report.runId!;
  const controller = new AbortController();
  controllers.set(runId, controller);
  const { audit, input } = job;
  try {
    const em = (await orm()).em.fork();
    const report = await continueImport(
      em,
      {
        ...input,
        content: Buffer.from(
          input.content.buffer,
          input.content.byteOffset,
          input.content.byteLength,
        ),
        beforeCommit: audit ? (tx, r) => auditImport(tx, audit, r) : undefined,
        onPhase: job.reportPhases
          ? (phase, ms) => post({ type: 'phase', runId, phase, ms })
          : undefined,
      },
      job.started,
      controller.signal,
    );
    post({ type: 'done', runId, report });
  } catch (error) {
    // The importer has recorded its run as failed (or, when the ORM did not open, the API thread
    // does); the API thread rethrows the message.
    post({ type: 'failed', runId, message: (error as Error).message ?? String(error) });
  } finally {
    controllers.delete(runId);
  }
}
