import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ImportRun } from './import-run.entity.js';

export const IMPORT_ROW_STATUSES = ['flagged', 'rejected'] as const;

/**
 * One row of an import with something to say (flagged or rejected), with its issues as JSON
 * (`[{field, code, message}]`). Accepted rows are not stored; pages are read by (run, line).
 */
export const ImportProblem = defineEntity({
  name: 'ImportProblem',
  tableName: 'import_problem',
  indexes: [{ properties: ['run', 'line'] }],
  properties: {
    id: p.integer().primary(),
    run: () => p.manyToOne(ImportRun).ref().deleteRule('cascade'),
    line: p.integer(),
    status: p.enum([...IMPORT_ROW_STATUSES]),
    productName: p.string().length(300).nullable(),
    issues: p.json<{ field: string; code: string; message: string }[]>(),
  },
});
export type ImportProblem = InferEntity<typeof ImportProblem>;
