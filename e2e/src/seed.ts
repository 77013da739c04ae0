// Reads the seed files the API was started with, so expected values come from the data itself
// rather than from the dashboard under test.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const seedDir = resolve(import.meta.dirname, '../../data/seed');

/** RFC 4180 parser: quoted cells, doubled quotes, CRLF or LF. Strips nothing but the line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export type SeedRow = Record<string, string>;

export function readSeedCsv(file: string): SeedRow[] {
  const [header, ...rows] = parseCsv(
    readFileSync(resolve(seedDir, file), 'utf8').replace(/^\uFEFF/, ''),
  );
  if (!header) throw new Error(`${file} is empty`);
  return rows
    .filter((r) => r.some((c) => c !== ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** A row of the data/seed/products-*.csv files (every column present; empty when not given). */
export interface ProductRow extends SeedRow {
  product_name: string;
  entity_name: string;
  entity_type: string;
  commune: string;
  district: string;
  product_group: string;
  stars: string;
  level: string;
  decision: string;
  decision_date: string;
  year: string;
}

/** The seed files of recognised products, in the order the seed reads them. */
export const productFiles = ['products-2020-2021.csv', 'products-2022.csv'];

export function seedProducts(): ProductRow[] {
  return productFiles.flatMap((file) => {
    const rows = readSeedCsv(file);
    const missing = [
      'product_name',
      'entity_name',
      'commune',
      'district',
      'stars',
      'decision_date',
      'year',
    ].filter((c) => !(c in (rows[0] ?? {})));
    if (missing.length) throw new Error(`${file} lacks columns ${missing.join(', ')}`);
    return rows as ProductRow[];
  });
}

/** Lowercase, no Vietnamese diacritics (đ → d), single spaces: how a reader types without accents. */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The day a seed row's certification counts from: its decision date; else, when only the year is
 * known, the certificates' hand-over day its batch names ("trao GCN 22/4/2021") or the year's end.
 */
export function certifiedOn(row: ProductRow): string | null {
  if (!row.year) return null;
  if (row.decision_date) return row.decision_date;
  const handover = /trao GCN (\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(row.batch ?? '');
  if (handover && handover[3] === row.year)
    return `${handover[3]}-${handover[2]!.padStart(2, '0')}-${handover[1]!.padStart(2, '0')}`;
  return `${row.year}-12-31`;
}

/**
 * Target T1 as the plan defines it: distinct products (name + entity) whose first 3★+ certification
 * falls in the plan year and on or before `asOf`.
 */
export function productsFirstCertifiedIn(
  year: number,
  asOf: string,
  rows: ProductRow[] = seedProducts(),
): string[] {
  const first = new Map<string, string>();
  for (const row of rows) {
    const on = certifiedOn(row);
    if (!on || Number(row.stars) < 3) continue;
    const key = `${row.product_name}|${row.entity_name}`;
    const prev = first.get(key);
    if (!prev || on < prev) first.set(key, on);
  }
  return [...first.entries()]
    .filter(([, on]) => on.startsWith(`${year}-`) && on <= asOf)
    .map(([key]) => key);
}
