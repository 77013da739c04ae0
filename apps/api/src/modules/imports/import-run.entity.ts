import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One applied import of a decision-list file; the sha256 makes re-importing the same file a no-op. */
export const ImportRun = defineEntity({
  name: 'ImportRun',
  tableName: 'import_run',
  properties: {
    id: p.integer().primary(),
    fileName: p.string().length(300),
    sha256: p.string().length(64).unique(),
    importedAt: p.datetime().onCreate(() => new Date()),
    report: p.json<Record<string, unknown>>(),
  },
});
export type ImportRun = InferEntity<typeof ImportRun>;
