// XLSX (as saved by Excel/LibreOffice) → the same CSV text the decision-list importer reads, from
// the first sheet. Sheet row n stays CSV line n, so the report's line numbers are spreadsheet rows.
// A formula cell becomes "=<formula>", which the importer refuses as formula-like.
import ExcelJS from 'exceljs';
import { ImportFileError } from './decision-list-format.js';

type CellValue = ExcelJS.CellValue;

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('formula' in value || 'sharedFormula' in value)
    return `=${(value as { formula?: string; sharedFormula?: string }).formula ?? (value as { sharedFormula?: string }).sharedFormula ?? ''}`;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value)
    return typeof value.text === 'string' ? value.text : cellText(value.text as CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

export async function xlsxToCsv(bytes: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types `load` as taking its own `Buffer extends ArrayBuffer` (its index.d.ts) and
    // hands the data to JSZip, which reads an ArrayBuffer: give it a copy of exactly these bytes
    // (a Node Buffer may be a view into a larger shared pool).
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch (error) {
    throw new ImportFileError(
      'The file is not a readable XLSX workbook; save it as .xlsx (or CSV UTF-8) and import again.',
      [{ field: 'file', code: 'xlsx', message: (error as Error).message }],
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0)
    throw new ImportFileError('The file is empty.', [
      { field: 'file', code: 'empty', message: 'the first sheet has no rows' },
    ]);
  const width = sheet.getRow(1).cellCount;
  const lines: string[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.hasValues) {
      lines.push('');
      continue;
    }
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(width, row.cellCount); c++)
      cells.push(quote(cellText(row.getCell(c).value)));
    // Trailing empty cells beyond the header are dropped so a stray blank column does not count.
    while (cells.length > width && cells.at(-1) === '""') cells.pop();
    lines.push(cells.join(','));
  }
  return lines.join('\n');
}
