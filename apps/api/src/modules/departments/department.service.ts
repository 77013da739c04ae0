// Department reads: the list, one by code, and per-department tasks and activity counts for many
// departments at once (the loaders call these with every department of a request: one statement
// per field, not one per department). Activity counts are summed in SQL by kind and month.
import type { EntityManager } from '@mikro-orm/core';
import { sqlEm } from '../shared/sql-em.js';
import { Task } from '../plans/task.entity.js';
import { Department } from './department.entity.js';

/** Activities of a department summed by kind, month and sample flag. */
export interface ActivityCountRow {
  departmentId: number;
  kind: string;
  /** "YYYY-MM". */
  month: string;
  count: number;
  sample: boolean;
}

/** Every department, by code. */
export function listDepartments(em: EntityManager): Promise<Department[]> {
  return em.find(Department, {}, { orderBy: { code: 'asc' } });
}

/** One department by code; null when none has it. */
export function findDepartmentByCode(em: EntityManager, code: string): Promise<Department | null> {
  return em.findOne(Department, { code });
}

/** The tasks of these departments (all plans), by id. */
export function tasksOfDepartments(em: EntityManager, departmentIds: readonly number[]) {
  return em.find(Task, { department: { $in: [...departmentIds] } }, { orderBy: { id: 'asc' } });
}

/** Ids of those of these departments that have sample (fabricated) activity records. */
export async function departmentsWithSamples(
  em: EntityManager,
  departmentIds: readonly number[],
): Promise<Set<number>> {
  const knex = sqlEm(em).getKnex();
  const rows = (await knex('activity')
    .distinct('department_id')
    .whereIn('department_id', [...departmentIds])
    .andWhere('sample', true)) as { department_id: unknown }[];
  return new Set(rows.map((r) => Number(r.department_id)));
}

/** Activity counts of these departments by kind and month, optionally of one calendar year. */
export async function activityCountsOf(
  em: EntityManager,
  departmentIds: readonly number[],
  year: number | null,
): Promise<ActivityCountRow[]> {
  const knex = sqlEm(em).getKnex();
  // A date column reads "YYYY-MM-DD" as text on both dialects.
  const month = 'substr(cast(a.date as text), 1, 7)';
  const query = knex('activity as a')
    .select(
      'a.department_id',
      'a.kind',
      knex.raw(`${month} as month`),
      'a.sample',
      knex.raw('sum(a.count) as count'),
    )
    .whereIn('a.department_id', [...departmentIds])
    .groupByRaw(`a.department_id, a.kind, ${month}, a.sample`)
    .orderByRaw(`${month}, a.kind`);
  if (year) query.whereBetween('a.date', [`${year}-01-01`, `${year}-12-31`]);
  const rows = (await query) as Record<string, unknown>[];
  return rows.map((r) => ({
    departmentId: Number(r.department_id),
    kind: String(r.kind),
    month: String(r.month),
    count: Number(r.count),
    sample: r.sample === true || Number(r.sample) === 1,
  }));
}
