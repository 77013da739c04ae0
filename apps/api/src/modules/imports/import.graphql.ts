// importDecisionList (SECRETARIAT): a CSV or XLSX decision list, base64, at most IMPORT_MAX_BYTES.
// XLSX's first sheet becomes the same rows, through the same importer as the CLI and the seed.
// Dry run: the per-row report, nothing written. Real run: one transaction (all rows or none unless
// skipRejected), idempotent (same file → no changes), one audit record.
import { builder } from '../../graphql/builder.js';
import { dbEnum } from '../../graphql/enums.js';
import { validationFailed } from '../../graphql/errors.js';
import { appendAudit } from '../audit/run-write.js';
import {
  ImportFileError,
  type ImportIssue as IssueShape,
  type RowReport,
} from './decision-list-format.js';
import { importDecisionList, type ImportReport } from './decision-list-importer.js';
import {
  lastImportProgress,
  startImportProgress,
  type ImportProgress as ProgressShape,
} from './import-progress.js';
import { issueMessageVi } from './import-messages.js';
import { xlsxToCsv } from './xlsx-rows.js';

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

const ImportResult = builder.objectRef<ImportReport>('ImportResult');
ImportResult.implement({
  description: 'The importer’s report.',
  fields: (t) => ({
    dryRun: t.exposeBoolean('dryRun'),
    applied: t.exposeBoolean('applied', { description: 'True when the changes were committed.' }),
    noChanges: t.exposeBoolean('noChanges', {
      description: 'True when the database already held everything (re-import).',
    }),
    message: t.exposeString('message', { description: 'Summary (English).' }),
    accepted: t.int({ resolve: (r) => r.totals.accepted }),
    flagged: t.int({ resolve: (r) => r.totals.flagged }),
    rejected: t.int({ resolve: (r) => r.totals.rejected }),
    created: t.string({
      description: 'Records created, JSON: {"entities":n,"products":n,…}.',
      resolve: (r) => JSON.stringify(r.created),
    }),
    fileErrors: t.field({
      type: [ImportIssue],
      description: 'File-level problems (encoding, CSV syntax, columns); then no row is read.',
      resolve: (r) => r.fileErrors,
    }),
    rows: t.field({
      type: [ImportRowReport],
      description: 'Per-row report.',
      resolve: (r) => r.rows,
    }),
  }),
});

const ImportProgress = builder.objectRef<ProgressShape>('ImportProgress');
ImportProgress.implement({
  description:
    'Progress of the latest import run by this API process (not shared between processes).',
  fields: (t) => ({
    fileName: t.exposeString('fileName'),
    requestId: t.exposeString('requestId'),
    startedAt: t.field({ type: 'DateTime', resolve: (p) => p.startedAt }),
    done: t.exposeInt('done', { description: 'Rows written so far.' }),
    total: t.exposeInt('total', { description: 'Valid rows to write.' }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.finishedAt }),
  }),
});

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

builder.queryFields((t) => ({
  lastImportProgress: t.field({
    type: ImportProgress,
    nullable: true,
    description: 'The latest import in this process. SECRETARIAT, ADMIN.',
    authScopes: { $any: { secretariat: true, admin: true } },
    resolve: () => lastImportProgress(),
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
    resolve: async (_root, args, ctx) => {
      const fileName = args.fileName.trim().slice(0, 300) || 'upload';
      const base64 = args.contentBase64.replace(/\s+/g, '');
      if (!BASE64_RE.test(base64) || base64.length % 4 !== 0) {
        throw validationFailed('contentBase64', {
          en: 'The file content is not valid base64.',
          vi: 'Nội dung tệp không phải base64 hợp lệ.',
        });
      }
      const limit = ctx.auth.importMaxBytes;
      if ((base64.length * 3) / 4 - (base64.match(/=+$/)?.[0].length ?? 0) > limit) {
        throw validationFailed(
          'contentBase64',
          {
            en: `The file is larger than ${(limit / 1048576).toFixed(1)} MB; split it and import the parts.`,
            vi: `Tệp lớn hơn ${(limit / 1048576).toFixed(1)} MB; hãy chia nhỏ tệp rồi nhập từng phần.`,
          },
          { limit },
        );
      }
      const bytes = Buffer.from(base64, 'base64');
      let content: Buffer | string = bytes;
      if (args.format === 'xlsx') {
        try {
          content = await xlsxToCsv(bytes);
        } catch (error) {
          if (!(error instanceof ImportFileError)) throw error;
          return {
            ...emptyReport(fileName, args.dryRun),
            fileErrors: error.issues,
            message: `File rejected: ${error.message} Nothing was written.`,
          };
        }
      }
      const progress = startImportProgress(fileName, ctx.requestId);
      const report = await importDecisionList(ctx.em.fork(), {
        fileName,
        content,
        dryRun: args.dryRun,
        skipRejected: args.skipRejected ?? false,
        onProgress: (done, total) => {
          progress.done = done;
          progress.total = total;
          if (done % 100 === 0 || done === total)
            ctx.log.info({ fileName, done, total }, 'import progress');
        },
        beforeCommit: (tx, r, run) => {
          appendAudit(
            tx,
            ctx,
            { action: 'importDecisionList', recordType: 'ImportRun' },
            {
              recordId: run.id,
              after: {
                fileName,
                format: args.format,
                sha256: r.sha256,
                totals: r.totals,
                created: r.created,
              },
            },
          );
        },
      });
      progress.finishedAt = new Date();
      return report;
    },
  }),
}));

function emptyReport(fileName: string, dryRun: boolean): ImportReport {
  const zero = {
    entities: 0,
    products: 0,
    evaluations: 0,
    decisions: 0,
    decisionItems: 0,
    certificates: 0,
    sources: 0,
  };
  return {
    fileName,
    sha256: '',
    dryRun,
    applied: false,
    noChanges: false,
    message: '',
    fileErrors: [],
    rows: [],
    totals: { rows: 0, accepted: 0, flagged: 0, rejected: 0 },
    created: zero,
    reused: { ...zero },
  };
}
