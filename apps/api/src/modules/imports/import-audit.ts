// The audit record of a real import, written inside the import's transaction just before commit,
// by whichever thread runs the import (the worker gets a copy of the request's audit context).
import type { EntityManager } from '@mikro-orm/core';
import { appendAudit, type AuditContext } from '../audit/run-write.js';
import type { ImportReport } from './decision-list-importer.js';

export interface ImportAudit {
  context: AuditContext;
  format: 'csv' | 'xlsx';
}

export function auditImport(
  tx: EntityManager,
  audit: ImportAudit,
  report: ImportReport,
): Promise<void> {
  appendAudit(
    tx,
    audit.context,
    { action: 'importDecisionList', recordType: 'ImportRun' },
    {
      recordId: report.runId,
      after: {
        fileName: report.fileName,
        format: audit.format,
        sha256: report.sha256,
        totals: report.totals,
        created: report.created,
      },
    },
  );
  return tx.flush();
}
