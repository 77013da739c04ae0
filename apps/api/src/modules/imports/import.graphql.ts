// importDecisionList (SECRETARIAT): a CSV or XLSX decision list, base64, at most IMPORT_MAX_BYTES.
// XLSX's first sheet becomes the same rows (read in the import worker), through the same importer
// as the CLI and the seed.
// Dry run: the report, nothing written. Real run: one transaction (all rows or none unless
// skipRejected), idempotent (same file → no changes), one audit record. The mutation returns a
// summary and the first rows with issues; importRun(id) pages through all of them and, like
// lastImportProgress, reads the run from the database, so any API process can answer.
import { builder } from '../../graphql/builder.js';
import { dbEnum } from '../../graphql/enums.js';
import { offsetConnection, requestedPageSize } from '../../graphql/pagination.js';
import { toId } from '../shared/input-checks.js';
import { type ImportIssue as IssueShape, type RowReport } from './decision-list-format.js';
import { REPORT_PROBLEM_ROWS, type ImportReport } from './decision-list-importer.js';
import { type RecordCounts } from './decision-list-plan.js';
import { issueMessageVi } from './import-messages.js';
import { IMPORT_RUN_STATUSES, type ImportRun } from './import-run.entity.js';
import {
  findImportRun,
  importProblemsPage,
  latestImportRun,
  type ProblemRow,
} from './import.service.js';
import { importUpload } from './import-upload.service.js';

const ImportFormatEnum = dbEnum('ImportFormat', ['csv', 'xlsx'] as const, {
  description: 'Upload format: CSV (UTF-8) or XLSX (first sheet).',
});

const ImportIssue = builder.objectRef<IssueShape>('ImportIssue');
ImportIssue.implement({
  description:
    'A problem with the file or one row: the column (field), a stable code, and messages.',
  fields: (t) => ({
    field: t.string({
      nullable: true,
      description: 'Column name, "row" or "file".',
      resolve: (i) => i.field,
    }),
    code: t.exposeString('code', {
      description: 'Stable code (required, invalid, unknown, formula, duplicate, encoding…).',
    }),
    message: t.exposeString('message', { description: 'English message.' }),
    messageVi: t.string({ description: 'Vietnamese message.', resolve: (i) => issueMessageVi(i) }),
  }),
});

const ImportRowReport = builder.objectRef<RowReport>('ImportRowReport');
ImportRowReport.implement({
  description: 'One row of the file: line number (spreadsheet row for XLSX), status, issues.',
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'Line in the CSV / row in the sheet.' }),
    status: t.string({
      description: 'ACCEPTED, FLAGGED (facts missing, kept as missing) or REJECTED.',
      resolve: (r) => r.status.toUpperCase(),
    }),
    productName: t.string({ nullable: true, resolve: (r) => r.productName || null }),
    issues: t.field({ type: [ImportIssue], resolve: (r) => r.issues }),
  }),
});

const ImportCounts = builder.objectRef<RecordCounts>('ImportCounts');
ImportCounts.implement({
  description: 'Records per kind (created or reused by an import).',
  fields: (t) => ({
    entities: t.exposeInt('entities', { description: 'Economic entities (chủ thể).' }),
    products: t.exposeInt('products'),
    evaluations: t.exposeInt('evaluations'),
    decisions: t.exposeInt('decisions'),
    decisionItems: t.exposeInt('decisionItems', { description: 'Products in decisions.' }),
    certificates: t.exposeInt('certificates'),
    sources: t.exposeInt('sources', { description: 'Source web pages.' }),
  }),
});

const ImportResult = builder.objectRef<ImportReport>('ImportResult');
ImportResult.implement({
  description: 'The importer’s report: a summary and the first rows with issues.',
  fields: (t) => ({
    runId: t.id({
      nullable: true,
      description: 'The import run (importRun(id) pages through all problem rows).',
      resolve: (r) => (r.runId === null ? null : String(r.runId)),
    }),
    dryRun: t.exposeBoolean('dryRun'),
    applied: t.exposeBoolean('applied', { description: 'True when the changes were committed.' }),
    noChanges: t.exposeBoolean('noChanges', {
      description: 'True when the database already held everything (re-import).',
    }),
    message: t.exposeString('message', { description: 'Summary (English).' }),
    accepted: t.int({ resolve: (r) => r.totals.accepted }),
    flagged: t.int({ resolve: (r) => r.totals.flagged }),
    rejected: t.int({ resolve: (r) => r.totals.rejected }),
    problemRows: t.exposeInt('problemRows', {
      description: 'Rows with issues (flagged or rejected), all of them.',
    }),
    created: t.field({
      type: ImportCounts,
      description: 'Records created (dry run: that would be created).',
      resolve: (r) => r.created,
    }),
    reused: t.field({
      type: ImportCounts,
      description: 'Rows that matched a record already there.',
      resolve: (r) => r.reused,
    }),
    fileErrors: t.field({
      type: [ImportIssue],
      description: 'File-level problems (encoding, CSV syntax, columns); then no row is read.',
      resolve: (r) => r.fileErrors,
    }),
    rows: t.field({
      type: [ImportRowReport],
      description: `The first ${REPORT_PROBLEM_ROWS} rows with issues, in line order (accepted rows are not listed; all of them: importRun(id).problems).`,
      resolve: (r) => r.rows.map(toRowReport),
    }),
  }),
});

const ImportRunStatusEnum = dbEnum('ImportRunStatus', IMPORT_RUN_STATUSES, {
  description: 'Where an import run stands.',
  valueDescriptions: {
    running:
      'Still running (or its process died and its last heartbeat is less than IMPORT_STALE_SECONDS old, 2 minutes by default).',
    succeeded: 'Finished: committed, a dry run, or no changes.',
    failed: 'Refused (file or rows rejected) or failed; nothing was written.',
    aborted: 'Stopped (shutdown, or its process died); nothing was written.',
  },
});

interface RunSummary {
  totals?: ImportReport['totals'];
  created?: RecordCounts;
}
const summaryOf = (run: ImportRun): RunSummary => run.report;

const ImportRunRef = builder.objectRef<ImportRun>('ImportRun');
ImportRunRef.implement({
  description: 'One import of a decision-list file: progress, outcome and its per-row problems.',
  fields: (t) => ({
    id: t.id({ resolve: (r) => String(r.id) }),
    fileName: t.exposeString('fileName'),
    sha256: t.string({
      nullable: true,
      description:
        'SHA-256 of the file (of its CSV text for a workbook). Null until the import has read the file: the worker hashes it, not the API; a run whose worker stopped before that keeps null.',
      // The run is recorded before the worker hashes the file (beginImport's deferHash): the
      // stored '' means "not hashed yet", which a client must not take for a hash.
      resolve: (r) => r.sha256 || null,
    }),
    status: t.field({ type: ImportRunStatusEnum, resolve: (r) => r.status }),
    dryRun: t.exposeBoolean('dryRun'),
    phase: t.exposeString('phase', { description: 'reading, writing or done.' }),
    rowsDone: t.exposeInt('rowsDone', { description: 'Rows read and checked so far.' }),
    rowsTotal: t.exposeInt('rowsTotal', {
      description: 'Rows in the file (estimated from its lines until it is read).',
    }),
    startedAt: t.field({ type: 'DateTime', resolve: (r) => r.startedAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.finishedAt }),
    message: t.string({ nullable: true, resolve: (r) => r.message ?? null }),
    accepted: t.int({ nullable: true, resolve: (r) => summaryOf(r).totals?.accepted ?? null }),
    flagged: t.int({ nullable: true, resolve: (r) => summaryOf(r).totals?.flagged ?? null }),
    rejected: t.int({ nullable: true, resolve: (r) => summaryOf(r).totals?.rejected ?? null }),
    created: t.field({
      type: ImportCounts,
      nullable: true,
      resolve: (r) => summaryOf(r).created ?? null,
    }),
    problems: t.connection({
      type: ImportRowReport,
      description: 'Rows with issues (flagged or rejected), in line order.',
      complexity: (args) => ({ field: 1, multiplier: requestedPageSize(args) }),
      resolve: (run, args, ctx) =>
        offsetConnection(args, async (page) => {
          const [rows, total] = await importProblemsPage(ctx.em, run.id, page);
          return [rows.map(toRowReport), total];
        }),
    }),
  }),
});

const toRowReport = (row: ProblemRow): RowReport => ({ ...row });

const ImportProgress = builder.objectRef<ImportRun>('ImportProgress');
ImportProgress.implement({
  description: 'Progress of the latest import, read from the database (any API process).',
  fields: (t) => ({
    runId: t.id({ resolve: (r) => String(r.id) }),
    fileName: t.exposeString('fileName'),
    requestId: t.string({ nullable: true, resolve: (r) => r.requestId ?? null }),
    status: t.field({ type: ImportRunStatusEnum, resolve: (r) => r.status }),
    startedAt: t.field({ type: 'DateTime', resolve: (p) => p.startedAt }),
    phase: t.exposeString('phase', {
      description: 'reading (rows read and checked: done of total), writing (all read) or done.',
    }),
    done: t.exposeInt('rowsDone', { description: 'Rows read and checked so far.' }),
    total: t.exposeInt('rowsTotal', { description: 'Rows in the file (estimated until read).' }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.finishedAt }),
  }),
});

builder.queryFields((t) => ({
  lastImportProgress: t.field({
    type: ImportProgress,
    nullable: true,
    description: 'The latest import (any process). SECRETARIAT, ADMIN.',
    authScopes: { $any: { secretariat: true, admin: true } },
    resolve: (_root, _args, ctx) => latestImportRun(ctx.em),
  }),
  importRun: t.field({
    type: ImportRunRef,
    nullable: true,
    description: 'One import run with its per-row problems. SECRETARIAT, ADMIN.',
    args: { id: t.arg.id({ required: true }) },
    authScopes: { $any: { secretariat: true, admin: true } },
    resolve: (_root, args, ctx) => findImportRun(ctx.em, toId('id', args.id)),
  }),
}));

builder.mutationFields((t) => ({
  importDecisionList: t.field({
    type: ImportResult,
    description:
      'Imports a decision list (CSV UTF-8 or XLSX). SECRETARIAT only. Oversized or non-base64 content: VALIDATION_FAILED (field contentBase64).',
    args: {
      fileName: t.arg.string({ required: true }),
      contentBase64: t.arg.string({ required: true }),
      format: t.arg({ type: ImportFormatEnum, required: true }),
      dryRun: t.arg.boolean({ required: true }),
      skipRejected: t.arg.boolean({
        defaultValue: false,
        description: 'Write the valid rows even when some are rejected.',
      }),
    },
    authScopes: { secretariat: true },
    resolve: (_root, args, ctx) => importUpload(ctx, args),
  }),
}));
