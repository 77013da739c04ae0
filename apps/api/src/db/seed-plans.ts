// Seeds the published targets of data/seed/plan-targets-2020-2025.csv beside plan 152: the plans
// of 2020, 2022, 2023 and 2025 and the 2021–2025 programme. Their document numbers and signing
// days were not published, so each plan carries a note saying so. Where sources disagree (2022:
// "50–70 more" vs "at least 35", see the CSV's note) both figures are kept, as two targets.
import type { EntityManager } from '@mikro-orm/core';
import { parsePlanTargets, PUBLISHED_PLAN_METRICS } from '@ocop/domain';
import { Department } from '../modules/departments/department.entity.js';
import { PlanTarget, type TargetKind } from '../modules/plans/plan-target.entity.js';
import { Plan } from '../modules/plans/plan.entity.js';
import { readSeedCsv } from './seed-files.js';

export const PUBLISHED_PLANS_FILE = 'plan-targets-2020-2025.csv';
const PROGRAMME_PREFIX = 'Chương trình';

/** The second 2022 figure: the CSV's note on 2022 T1 ("another source (June 2022) gives at least 35"). */
const SECOND_2022_TARGET: Record<string, string> = {
  code: 'T1-CERTIFIED-MIN',
  kind: 'count_at_least',
  target: '35',
  note: 'Another source (June 2022) gives "at least 35" for 2022 where the plan article gives 50–70; the sources disagree, both are shown.',
};

interface PlanGroup {
  title: string;
  programme: boolean;
  year: number;
  rows: Record<string, string>[];
}

function groupRows(rows: Record<string, string>[]): PlanGroup[] {
  const groups = new Map<string, PlanGroup>();
  for (const row of rows) {
    const title = row.plan!;
    const programme = title.startsWith(PROGRAMME_PREFIX);
    const years = title.match(/(\d{4})-(\d{4})/);
    const group = groups.get(title) ?? {
      title,
      programme,
      year: programme && years ? Number(years[1]) : Number(row.year),
      rows: [],
    };
    group.rows.push(row);
    groups.set(title, group);
  }
  return [...groups.values()];
}

function periodOf(group: PlanGroup): { start: string; end: string } {
  const years = group.title.match(/(\d{4})-(\d{4})/);
  if (group.programme && years) return { start: `${years[1]}-01-01`, end: `${years[2]}-12-31` };
  return { start: `${group.year}-01-01`, end: `${group.year}-12-31` };
}

/** Adds the published plans that are missing (by code); returns how many targets it added. */
export async function seedPublishedPlans(tx: EntityManager, dir: string): Promise<number> {
  const rows = readSeedCsv(dir, PUBLISHED_PLANS_FILE);
  const departments = new Map((await tx.find(Department, {})).map((d) => [d.code, d]));
  let added = 0;
  for (const group of groupRows(rows)) {
    const period = periodOf(group);
    const code = group.programme
      ? `CT-OCOP-${period.start.slice(0, 4)}-${period.end.slice(0, 4)}`
      : `KH-OCOP-${group.year}`;
    if (await tx.count(Plan, { code })) continue;
    const targetRows = [...group.rows];
    const disputed = targetRows.find((r) => r.note?.includes('the sources disagree'));
    if (disputed) targetRows.push({ ...disputed, ...SECOND_2022_TARGET });
    const targets = parsePlanTargets(targetRows, period, PUBLISHED_PLAN_METRICS);
    const plan = tx.create(Plan, {
      code,
      year: group.year,
      title: group.title,
      // The signing day was not published: the period start stands in for it (see note).
      issuedOn: period.start,
      periodStart: period.start,
      periodEnd: period.end,
      programme: group.programme,
      sourceUrl: group.rows[0]!.source_url || null,
      note: 'Document number and signing day not published; targets as reported by the source.',
    });
    targets.forEach((t, index) => {
      const row = targetRows[index]!;
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
        sourceUrl: row.source_url || null,
        note: row.note || null,
      });
    });
    added += targets.length;
  }
  return added;
}
