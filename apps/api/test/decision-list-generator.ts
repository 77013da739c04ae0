// Generates a decision list that follows every rule the importer checks (for tests and
// bench/import.ts): real An Giang district names, 3★/4★ recognised by the province under
// 1048/QĐ-TTg (2021–2022), scores that reach the stars, one date per decision number, three
// products per entity, a source page per decision. Deterministic for a given size and prefix.
import { DECISION_LIST_COLUMNS } from '../src/modules/imports/decision-list-format.js';

const DISTRICTS = [
  'Long Xuyên',
  'Châu Đốc',
  'Tân Châu',
  'An Phú',
  'Phú Tân',
  'Châu Phú',
  'Tịnh Biên',
  'Tri Tôn',
  'Châu Thành',
  'Chợ Mới',
  'Thoại Sơn',
];
const TYPES = ['enterprise', 'cooperative', 'cooperative_group', 'household_business'];
const GROUPS = ['food', 'beverage', 'herbal', 'handicraft'];
/** Rows per decision. */
const DECISION_SIZE = 200;

export interface GeneratedList {
  csv: string;
  rows: number;
  /** Distinct records the file names. */
  products: number;
  entities: number;
  decisions: number;
}

export function generateDecisionList(rows: number, prefix = 'Thử'): GeneratedList {
  const lines: string[] = [DECISION_LIST_COLUMNS.join(',')];
  for (let i = 0; i < rows; i++) {
    const k = Math.floor(i / DECISION_SIZE);
    const stars = i % 4 === 0 ? 4 : 3;
    const score = stars === 4 ? 72.5 : 61;
    const month = (k % 12) + 1;
    const year = 2021 + (k % 2);
    const date = `${year}-${String(month).padStart(2, '0')}-15`;
    lines.push(
      [
        `${prefix} sản phẩm ${i}`,
        `${prefix} cơ sở ${Math.floor(i / 3)}`,
        TYPES[Math.floor(i / 3) % TYPES.length],
        '',
        DISTRICTS[Math.floor(i / 3) % DISTRICTS.length],
        GROUPS[i % GROUPS.length],
        stars,
        score,
        'province',
        `${prefix}-${k + 1}/QĐ-UBND`,
        date,
        year,
        `đợt ${k + 1}`,
        `https://example.vn/ocop/${encodeURIComponent(prefix)}/${k + 1}`,
      ].join(','),
    );
  }
  return {
    csv: `${lines.join('\n')}\n`,
    rows,
    products: rows,
    entities: Math.ceil(rows / 3),
    decisions: Math.ceil(rows / DECISION_SIZE),
  };
}
