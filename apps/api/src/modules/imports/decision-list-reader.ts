// Reads a decision list in slices: the file is decoded and fed to the CSV parser a few kilobytes at
// a time and the records of each slice are handed on before the next, with a turn of the event
// loop between slices, so a large file never blocks its thread for long and never exists as one
// string or one array of rows.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse } from 'csv-parse';
import {
  checkHeader,
  ImportFileError,
  toRawRecord,
  utf8Slices,
  type RawRecord,
} from './decision-list-format.js';

/** Bytes (or characters) of CSV parsed per slice (a few hundred rows of a typical list). */
const SLICE_SIZE = 32_000;

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Yields the file's records slice by slice; throws ImportFileError for an encoding other than
 * UTF-8, CSV syntax or a bad header.
 */
export async function* readDecisionListRecords(
  content: Buffer | string,
): AsyncGenerator<RawRecord[]> {
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

  for (const slice of utf8Slices(content, SLICE_SIZE)) {
    parser.write(slice);
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
