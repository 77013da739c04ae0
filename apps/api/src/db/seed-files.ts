// Locates and reads data/seed/*.csv: at run time the app reads this folder, nothing outside it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/** data/seed of the repository: four levels above src/db (and dist/db). */
export const DEFAULT_SEED_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  'data',
  'seed',
);

export function readSeedFile(dir: string, name: string): Buffer {
  return readFileSync(join(dir, name));
}

export function readSeedCsv(dir: string, name: string): Record<string, string>[] {
  return parse(readSeedFile(dir, name), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[];
}
