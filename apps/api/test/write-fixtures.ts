// Shared inputs for the write tests: seeded records to act on and a valid decision-list CSV.
import type { MikroORM } from '@mikro-orm/core';
import ExcelJS from 'exceljs';
import { AdminUnit } from '../src/modules/admin-units/admin-unit.entity.js';
import { EconomicEntity } from '../src/modules/entities/economic-entity.entity.js';
import { DECISION_LIST_COLUMNS } from '../src/modules/imports/decision-list-format.js';
import { Department } from '../src/modules/departments/department.entity.js';
import { Task } from '../src/modules/plans/task.entity.js';
import { Product } from '../src/modules/products/product.entity.js';

export interface Fixtures {
  chauPhuEntityId: number;
  chauPhuProductIds: number[];
  snnTaskId: number;
  snnKind: string;
}

/** A household business with owner data in Châu Phú, and seeded products/tasks to act on. */
export async function loadFixtures(orm: MikroORM): Promise<Fixtures> {
  const em = orm.em.fork();
  const chauPhu = await em.findOneOrFail(AdminUnit, { code: 'chau-phu' });
  const entity = em.create(EconomicEntity, {
    name: 'Hộ Tư Sáu',
    normalizedName: 'ho tu sau',
    type: 'household_business',
    unit: chauPhu,
    ownerName: 'Lê Văn Sáu',
    ownerPhone: '0987 654 321',
  });
  const snn = await em.findOneOrFail(Department, { code: 'SNN' });
  const task = await em.findOneOrFail(Task, { department: snn.id }, { orderBy: { id: 'asc' } });
  await em.flush();
  const products: Product[] = [];
  for (let i = 0; i < 16; i++) {
    products.push(
      em.create(Product, {
        name: `Sản phẩm thử ${i}`,
        normalizedName: `san pham thu ${i}`,
        entity,
        unit: chauPhu,
        group1048: 'food',
        group148: 'food',
      }),
    );
  }
  await em.flush();
  return {
    chauPhuEntityId: entity.id,
    chauPhuProductIds: products.map((p) => p.id),
    snnTaskId: task.id,
    snnKind: task.activityKinds[0]!,
  };
}

export const CSV_HEADER = DECISION_LIST_COLUMNS.join(',');
export const csvRow = (
  name: string,
  extra: Partial<Record<(typeof DECISION_LIST_COLUMNS)[number], string>> = {},
) => {
  const values: Record<string, string> = {
    product_name: name,
    entity_name: 'Công ty Thử nghiệm',
    entity_type: 'enterprise',
    commune: 'xã Mỹ Đức', // known in Châu Phú from the seed (an unknown commune is flagged)
    district: 'Châu Phú',
    product_group: 'food',
    stars: '4',
    score: '75',
    level: 'province',
    decision: '999/QĐ-UBND',
    decision_date: '2021-12-10',
    year: '2021',
    batch: 'Đợt 2',
    source_url: 'https://example.vn/qd-999',
    ...extra,
  };
  return DECISION_LIST_COLUMNS.map((c) => `"${values[c]!.replace(/"/g, '""')}"`).join(',');
};
export const csvBase64 = (...rows: string[]) =>
  Buffer.from([CSV_HEADER, ...rows].join('\n'), 'utf8').toString('base64');

/** An .xlsx workbook whose first sheet has the header and the given rows (cells may be formulas). */
export async function xlsxBase64(
  rows: (string | number | Date | { formula: string })[][],
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow([...DECISION_LIST_COLUMNS]);
  for (const row of rows) sheet.addRow(row as ExcelJS.CellValue[]);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

export const IMPORT = `mutation($f: String!, $c: String!, $fmt: ImportFormat!, $d: Boolean!) {
  importDecisionList(fileName: $f, contentBase64: $c, format: $fmt, dryRun: $d) {
    runId dryRun applied noChanges accepted flagged rejected problemRows created { entities products evaluations decisions decisionItems certificates sources } message fileErrors { field code message messageVi } rows { line status issues { field code messageVi } }
  }
}`;
