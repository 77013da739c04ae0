// Reads a decision list in slices: the CSV parser is fed a few kilobytes at a time and the
// records of each slice are handed on before the next, with a turn of the event loop between
// slices, so a 2 MB file never blocks the server for long and never exists as one array of rows.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse } from 'csv-parse';
import {
  checkHeader,
  ImportFileError,
  toRawRecord,
  type RawRecord,
} from './decision-list-format.js';

/** Characters of CSV parsed per slice (about 1,500 rows of a typical list). */
const SLICE_CHARS = 32_000;

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** Yields the file's records slice by slice; throws ImportFileError for CSV syntax or a bad header. */
export async function* readDecisionListRecords(text: string): AsyncGenerator<RawRecord[]> {
  const parser = parse({
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: false,
  });
  let pending: ParsedRecord[] = [];
  let failure: Error | null = null;
  parser.on('data', (record: ParsedRecord) => pending.push(record));
  parser.on('error', (error: Error) => {
    failure ??= error;
  });
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', () => resolve());
  });

  let columns: string[] | null = null;
  const take = (): RawRecord[] => {
    if (failure) {
      throw new ImportFileError(`The file is not readable CSV: ${failure.message}`, [
        { field: 'file', code: 'csv_syntax', message: failure.message },
      ]);
    }
    const batch = pending;
    pending = [];
    const records: RawRecord[] = [];
    for (const { record, info } of batch) {
      if (!columns) columns = checkHeader(record);
      else records.push(toRawRecord(columns, record, info.lines));
    }
    return records;
  };

  for (let start = 0; start < text.length;) {
    let end = Math.min(start + SLICE_CHARS, text.length);
    // Never split a surrogate pair (an emoji) between two slices.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    parser.write(text.slice(start, end));
    start = end;
    await nextTurn();
    const records = take();
    if (records.length) yield records;
  }
  parser.end();
  await ended;
  const rest = take();
  if (!columns) {
    throw new ImportFileError('The file is empty.', [
      { field: 'file', code: 'empty', message: 'no header row' },
    ]);
  }
  if (rest.length) yield rest;
}
