import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const IMPORT_RUN_STATUSES = ['running', 'succeeded', 'failed', 'aborted'] as const;
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number];

/**
 * One import of a decision-list file (dry runs and refused files included). The row is written in
 * its own short transaction before any work, so a killed or aborted import leaves a trace;
 * progress lives here so any API process can report it. `appliedSha256` is set only when the
 * changes were committed: re-importing the same file is then a no-op, and two processes cannot
 * commit the same file twice (unique). The per-row problems are in `import_problem`.
 */
export const ImportRun = defineEntity({
  name: 'ImportRun',
  tableName: 'import_run',
  properties: {
    id: p.integer().primary(),
    fileName: p.string().length(300),
    sha256: p.string().length(64).index(),
    appliedSha256: p.string().length(64).nullable().unique(),
    status: p
      .enum([...IMPORT_RUN_STATUSES])
      .default('running')
      .index(),
    dryRun: p.boolean().default(false),
    requestId: p.string().length(64).nullable(),
    /** Rows in the file (estimated from its line count until it is read). */
    rowsTotal: p.integer().default(0),
    /** Rows read and checked so far. */
    rowsDone: p.integer().default(0),
    /** What the run is doing: reading, resolving, writing, done. */
    phase: p.string().length(20).default('reading'),
    startedAt: p.datetime().index(),
    /**
     * Written every IMPORT_HEARTBEAT_SECONDS by the process that owns the running import: a
     * `running` run whose heartbeat (or start) is older than IMPORT_STALE_SECONDS is dead
     * (import.service.ts markKilledImportRuns). Null on runs recorded before the column existed.
     */
    heartbeatAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    /** The moment the changes were committed (older runs: their import time). */
    importedAt: p.datetime().nullable(),
    message: p.text().nullable(),
    /** Summary: totals, created and reused counts (never the rows: those are import_problem). */
    report: p.json<Record<string, unknown>>(),
  },
});
export type ImportRun = InferEntity<typeof ImportRun>;
