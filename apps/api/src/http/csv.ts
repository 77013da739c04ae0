/**
 * CSV for spreadsheets, the same rules as the dashboard's download (apps/web/src/export/csv.ts):
 * UTF-8 with a byte-order mark (Excel reads Vietnamese diacritics), CRLF line ends, RFC 4180
 * quoting, and text starting with = + - @ tab or CR prefixed with an apostrophe so it can never
 * run as a formula (CSV injection, OWASP). Numbers are written as numbers.
 */
export type CsvCell = string | number | null | undefined;

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function formatCsvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_TRIGGER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function buildCsv(rows: readonly (readonly CsvCell[])[]): string {
  return '\uFEFF' + rows.map((row) => row.map(formatCsvCell).join(',')).join('\r\n') + '\r\n';
}
