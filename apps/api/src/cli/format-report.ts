import type { ImportReport } from '../modules/imports/decision-list-importer.js';
import type { ProblemRow } from '../modules/imports/import.service.js';

/**
 * The import report as terminal text: one line per issue (line, status, field, reason) of
 * `problems` (all problem rows, read from the run) or else of the report's first rows.
 */
export function formatImportReport(report: ImportReport, problems?: ProblemRow[]): string {
  const lines: string[] = [`${report.fileName} (sha256 ${report.sha256.slice(0, 12)}…)`];
  for (const issue of report.fileErrors)
    lines.push(`  file      REJECTED  ${issue.field.padEnd(14)} ${issue.message}`);
  for (const row of problems ?? report.rows) {
    for (const issue of row.issues) {
      lines.push(
        `  line ${String(row.line).padEnd(4)} ${row.status.toUpperCase().padEnd(9)} ${issue.field.padEnd(14)} ${issue.message}  [${row.productName || '—'}]`,
      );
    }
  }
  if (!problems && report.problemRows > report.rows.length)
    lines.push(
      `  … ${report.problemRows - report.rows.length} more rows with issues (import run ${report.runId})`,
    );
  const t = report.totals;
  lines.push(
    `rows ${t.rows}: ${t.accepted} accepted, ${t.flagged} flagged, ${t.rejected} rejected`,
  );
  const counts = (c: Record<string, number>) =>
    Object.entries(c)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  if (report.applied || report.dryRun)
    lines.push(`created: ${counts(report.created)}`, `reused:  ${counts(report.reused)}`);
  lines.push(report.message);
  return lines.join('\n');
}
