// Loads the real An Giang data from data/seed/ in dependency order. Idempotent: each step skips
// what is already there, and the product list goes through the same importer users use. Each step
// that adds records raises the data version in its transaction (the importer does it itself), so
// a seed into a running deployment is seen by its cached figures at once, and the segments epoch:
// units, plans and figures are in every fact segment's results (modules/data-version/fact-segments.ts).
import { ref, type MikroORM } from '@mikro-orm/core';
import {
  buildDistrictUnits,
  parsePlanTargets,
  unitTypeLabel,
  vietnameseSortKey,
} from '@ocop/domain';
import { AdminUnit } from '../modules/admin-units/admin-unit.entity.js';
import { bumpDataVersion } from '../modules/data-version/data-version.service.js';
import { Department } from '../modules/departments/department.entity.js';
import {
  importDecisionList,
  type ImportReport,
} from '../modules/imports/decision-list-importer.js';
import { PlanTarget, type TargetKind } from '../modules/plans/plan-target.entity.js';
import { Plan } from '../modules/plans/plan.entity.js';
import { Task } from '../modules/plans/task.entity.js';
import { normalizeText } from '../modules/shared/normalize-text.js';
import { PublishedFigure } from '../modules/sources/published-figure.entity.js';
import { Source } from '../modules/sources/source.entity.js';
import { parseFigureDate, parseFigureValue } from './published-figure-parse.js';
import { generateSampleActivities } from './sample-activities.js';
import { seedPublishedPlans } from './seed-plans.js';
import { DEFAULT_SEED_DIR, readSeedCsv, readSeedFile } from './seed-files.js';

export const PLAN_152 = {
  code: '152/KH-UBND',
  year: 2021,
  title: 'Kế hoạch thực hiện Chương trình Mỗi xã một sản phẩm tỉnh An Giang năm 2021',
  issuedOn: '2021-03-24',
  periodStart: '2021-01-01',
  periodEnd: '2021-12-31',
} as const;

export const PRODUCTS_FILE = 'products-2020-2021.csv';
/** Decisions 2497/QĐ-UBND (10/10/2022) and 86/QĐ-UBND (27/1/2023, round 2 of 2022): 26 products. */
export const PRODUCTS_2022_FILE = 'products-2022.csv';
/** Decision lists the seed imports, oldest first, through the same importer users use. */
export const PRODUCT_FILES = [PRODUCTS_FILE, PRODUCTS_2022_FILE] as const;

export interface SeedOptions {
  /** Add the fabricated sample activities (SAMPLE_ACTIVITIES). */
  sampleActivities: boolean;
  /** Folder of the seed CSVs; defaults to the repository's data/seed. */
  dataDir?: string;
}

export interface SeedSummary {
  units: number;
  departments: number;
  targets: number;
  tasks: number;
  /** One import report per file of PRODUCT_FILES, in that order. */
  products: ImportReport[];
  /** Targets of the published plans 2020–2025 and the 2021–2025 programme (seed-plans.ts). */
  publishedPlanTargets: number;
  publishedFigures: number;
  sampleActivities: number;
}

/** Seeds the database (each step only when its records are missing) and says what it added. */
export async function seedDatabase(orm: MikroORM, options: SeedOptions): Promise<SeedSummary> {
  const dir = options.dataDir ?? DEFAULT_SEED_DIR;
  const em = orm.em.fork();
  const summary: Partial<SeedSummary> = {};

  summary.units = await em.transactional(async (tx) => {
    if (await tx.count(AdminUnit, {})) return 0;
    const records = buildDistrictUnits(
      // The domain reads the code, name and type columns and reports an empty one by row.
      readSeedCsv(dir, 'districts-2021.csv').map((row) => ({
        ...row,
        code: row.code ?? '',
        name: row.name ?? '',
        type: row.type ?? '',
      })),
    );
    const created = records.map((r) => ({
      record: r,
      unit: tx.create(AdminUnit, {
        code: r.code,
        name: r.name,
        normalizedName: normalizeText(r.name),
        sortKey: vietnameseSortKey(r.name),
        type: r.type,
        typeVi: unitTypeLabel(r.type, 'vi'),
        validFrom: r.validFrom,
        validTo: r.validTo,
        successor: null,
      }),
    }));
    const byCode = new Map(created.map(({ unit }) => [unit.code, unit]));
    for (const { record, unit } of created) {
      if (!record.successorCode) continue;
      const successor = byCode.get(record.successorCode);
      if (!successor)
        throw new Error(`Unit ${record.code}: its successor ${record.successorCode} is not seeded`);
      unit.successor = ref(successor);
    }
    await tx.flush();
    await bumpDataVersion(tx, { allSegments: true });
    return records.length;
  });

  summary.departments = await em.transactional(async (tx) => {
    if (await tx.count(Department, {})) return 0;
    const rows = readSeedCsv(dir, 'departments.csv');
    for (const row of rows)
      tx.create(Department, {
        code: row.code!,
        nameVi: row.name_vi!,
        nameEn: row.name_en!,
        role: row.role_en!,
        roleVi: row.role_vi!,
      });
    await tx.flush();
    await bumpDataVersion(tx, { allSegments: true });
    return rows.length;
  });

  const planCounts = await em.transactional(async (tx) => {
    if (await tx.count(Plan, { code: PLAN_152.code })) return { targets: 0, tasks: 0 };
    const plan = tx.create(Plan, { ...PLAN_152 });
    const departments = new Map((await tx.find(Department, {})).map((d) => [d.code, d]));
    const targetRows = readSeedCsv(dir, 'plan-2021-targets.csv');
    const targets = parsePlanTargets(targetRows, {
      start: PLAN_152.periodStart,
      end: PLAN_152.periodEnd,
    });
    targets.forEach((t, index) => {
      tx.create(PlanTarget, {
        plan,
        code: t.code,
        kind: t.kind as TargetKind,
        targetValue: t.target,
        targetMax: t.targetMax,
        unitLabel: t.unitLabel,
        scope: t.scope,
        owner: departments.get(t.owner) ?? null,
        labelVi: t.labelVi,
        labelEn: t.labelEn,
        definition: t.definition,
        definitionVi: t.definitionVi,
        metric: t.metric,
        sortOrder: index + 1,
      });
    });
    const taskRows = readSeedCsv(dir, 'plan-2021-tasks.csv');
    for (const row of taskRows) {
      const department = departments.get(row.department!);
      if (!department)
        throw new Error(
          `plan-2021-tasks.csv: task ${row.code} names unknown department ${row.department}`,
        );
      tx.create(Task, {
        plan,
        code: row.code!,
        department,
        role: row.role === 'coordinate' ? 'coordinate' : 'lead',
        summaryVi: row.summary_vi!,
        summaryEn: row.summary_en!,
        activityKinds: row
          .activity_kinds!.split(';')
          .map((k) => k.trim())
          .filter(Boolean),
      });
    }
    await tx.flush();
    await bumpDataVersion(tx, { allSegments: true });
    return { targets: targets.length, tasks: taskRows.length };
  });
  summary.targets = planCounts.targets;
  summary.publishedPlanTargets = await em.transactional(async (tx) => {
    const added = await seedPublishedPlans(tx, dir);
    if (added > 0) {
      await tx.flush();
      await bumpDataVersion(tx, { allSegments: true });
    }
    return added;
  });
  summary.tasks = planCounts.tasks;

  summary.products = [];
  for (const fileName of PRODUCT_FILES) {
    const report = await importDecisionList(orm.em.fork(), {
      fileName,
      content: readSeedFile(dir, fileName),
    });
    if (!report.applied && !report.noChanges) {
      throw new Error(`Seeding ${fileName} failed: ${report.message}`);
    }
    summary.products.push(report);
  }

  summary.publishedFigures = await em.transactional(async (tx) => {
    if (await tx.count(PublishedFigure, {})) return 0;
    const rows = readSeedCsv(dir, 'published-totals.csv');
    const sources = new Map((await tx.find(Source, {})).map((s) => [s.url, s]));
    rows.forEach((row, index) => {
      const date = parseFigureDate(row.date!);
      const { min, max } = parseFigureValue(row.value!);
      const figure = tx.create(PublishedFigure, {
        dateLabel: row.date!,
        date: date?.date ?? null,
        datePrecision: date?.precision ?? null,
        metric: row.metric!,
        value: row.value!,
        valueMin: min,
        valueMax: max,
        sortOrder: index + 1,
      });
      for (const url of row
        .source_url!.split(' ; ')
        .map((u) => u.trim())
        .filter(Boolean)) {
        let source = sources.get(url);
        if (!source) {
          source = tx.create(Source, { url });
          sources.set(url, source);
        }
        figure.sources.add(source);
      }
    });
    await tx.flush();
    await bumpDataVersion(tx, { allSegments: true });
    return rows.length;
  });

  summary.sampleActivities = options.sampleActivities
    ? await generateSampleActivities(orm.em.fork())
    : 0;
  return summary as SeedSummary;
}
