/**
 * CSV for journalists' spreadsheets (RFC 4180 + the habits of Excel and LibreOffice):
 * - UTF-8 with a byte-order mark, so Excel opens Vietnamese diacritics correctly;
 * - CRLF line ends; cells with a comma, quote or line break are quoted, quotes doubled;
 * - text cells starting with = + - @ tab or CR get a leading apostrophe, so a product or entity
 *   name can never run as a formula (CSV/formula injection, OWASP). Numbers are written as
 *   numbers and are not altered: a negative count is data, not a formula.
 */

export type CsvCell = string | number | boolean | null | undefined;

export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function formatCsvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_TRIGGER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function buildCsv(rows: readonly (readonly CsvCell[])[]): string {
  return CSV_BOM + rows.map((row) => row.map(formatCsvCell).join(',')).join(CSV_EOL) + CSV_EOL;
}

export function csvBlob(csv: string): Blob {
  return new Blob([csv], { type: 'text/csv;charset=utf-8' });
}
