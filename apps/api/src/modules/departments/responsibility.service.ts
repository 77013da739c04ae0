// The responsibility matrix of a plan (/departments): every task with its body, role, the plan's
// targets that body owns, and how many activities evidence the task. A fixed number of
// statements whatever the number of tasks: tasks with their departments, the plan's targets with
// their owners, and one GROUP BY over the activities.
import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { compareIso } from '@ocop/domain';
import { Activity } from '../activities/activity.entity.js';
import { planAsOf, planPeriod } from '../plans/plan-facts.js';
import type { PlanTarget } from '../plans/plan-target.entity.js';
import type { Plan } from '../plans/plan.entity.js';
import { requireDepartmentCode } from '../shared/known-codes.js';
import { sqlEm } from '../shared/sql-em.js';
import { findTargets } from '../plans/plan.service.js';
import { Task } from '../plans/task.entity.js';
import type { Department } from './department.entity.js';

export interface ResponsibilityShape {
  task: Task;
  department: Department;
  /** Targets of the same plan owned by the task's body, in plan order. */
  targets: PlanTarget[];
  /** Activities (their `count`) recorded for the task, dated in the plan period up to asOf. */
  recordedActivities: number;
  /** The same for the generated sample rows (demo data, never facts). */
  sampleActivities: number;
}

/**
 * The plan's tasks in plan order (task id), each with its body, linked targets and activity
 * counts on `asOf`; `departmentCode` keeps one body's tasks.
 */
export async function planResponsibilities(
  em: EntityManager,
  plan: Plan,
  asOf: string,
  departmentCode: string | null = null,
): Promise<ResponsibilityShape[]> {
  const tasks = await em.find(
    Task,
    { plan: plan.id, ...(departmentCode ? { department: { code: departmentCode } } : {}) },
    { orderBy: { id: 'asc' }, populate: ['department'], strategy: 'joined' },
  );
  if (tasks.length === 0) return [];
  const targets = await findTargets(em, plan.id);
  const byOwner = new Map<number, PlanTarget[]>();
  for (const target of targets) {
    if (!target.owner) continue;
    const list = byOwner.get(target.owner.id) ?? [];
    list.push(target);
    byOwner.set(target.owner.id, list);
  }
  const counts = await activityCounts(em, plan, asOf, tasks);
  return tasks.map((task) => {
    const sums = counts.get(task.id);
    return {
      task,
      department: task.department.getEntity(),
      targets: byOwner.get(task.department.id) ?? [],
      recordedActivities: sums?.recorded ?? 0,
      sampleActivities: sums?.sample ?? 0,
    };
  });
}

/** Sum of activity counts per task, recorded and sample apart, in one GROUP BY. */
async function activityCounts(
  em: EntityManager,
  plan: Plan,
  asOf: string,
  tasks: Task[],
): Promise<Map<number, { recorded: number; sample: number }>> {
  const { start, end: periodEnd } = planPeriod(plan);
  const end = compareIso(asOf, periodEnd) < 0 ? asOf : periodEnd;
  const result = new Map<number, { recorded: number; sample: number }>();
  if (compareIso(end, start) < 0) return result;
  const rows = (await sqlEm(em)
    .createQueryBuilder(Activity, 'a')
    .select([raw('a.task_id as task_id'), raw('a.sample as sample'), raw('sum(a.count) as total')])
    .where({ task: { $in: tasks.map((t) => t.id) }, date: { $gte: start, $lte: end } })
    .groupBy([raw('a.task_id'), raw('a.sample')])
    .execute('all', false)) as { task_id: unknown; sample: unknown; total: unknown }[];
  for (const row of rows) {
    const id = Number(row.task_id);
    const sums = result.get(id) ?? { recorded: 0, sample: 0 };
    // SQLite gives 0/1, PostgreSQL a boolean.
    if (row.sample === true || Number(row.sample) === 1) sums.sample += Number(row.total);
    else sums.recorded += Number(row.total);
    result.set(id, sums);
  }
  return result;
}

/** A row of Plan.responsibilities: the plan and the as-of day its targets' progress is read on. */
export interface ResponsibilityRow extends ResponsibilityShape {
  plan: Plan;
  asOf: string;
}

/**
 * The `responsibilities` of a plan: checks the department code, then the rows on `asOf` (default
 * today, or the period end for a past plan).
 */
export async function responsibilitiesOf(
  em: EntityManager,
  plan: Plan,
  args: { asOf?: string | null; departmentCode?: string | null },
  today: string,
): Promise<ResponsibilityRow[]> {
  await requireDepartmentCode(em, args.departmentCode, 'departmentCode');
  const asOf = planAsOf(plan, today, args.asOf);
  const rows = await planResponsibilities(em, plan, asOf, args.departmentCode ?? null);
  return rows.map((row) => ({ ...row, plan, asOf }));
}
