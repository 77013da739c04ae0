// Task reads and writes: the targets a task serves, and updateTaskProgress (status and note,
// reported by the task's department).
import type { EntityManager } from '@mikro-orm/core';
import { notFound } from '../../graphql/errors.js';
import { recordAtVersion, type WriteOutcome } from '../audit/run-write.js';
import { optionalText } from '../shared/input-checks.js';
import { PlanTarget } from './plan-target.entity.js';
import { Plan } from './plan.entity.js';
import { Task, type TASK_STATUSES } from './task.entity.js';

export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Progress as the department reports it; an omitted (undefined) field keeps its value. */
export interface TaskProgressData {
  status?: TaskStatus | null;
  progressNote?: string | null;
}

/** The targets of the task's plan owned by the task's department, in plan order. */
export async function linkedTargetsOf(em: EntityManager, task: Task) {
  const plan = await em.findOneOrFail(Plan, task.plan.id);
  const targets = await em.find(
    PlanTarget,
    { plan: plan.id, owner: task.department.id },
    { orderBy: { sortOrder: 'asc' } },
  );
  return targets.map((target) => ({ target, plan, asOf: null }));
}

/** Code of the department a task belongs to (for the department officer's scope). */
export async function taskDepartmentCode(em: EntityManager, id: number): Promise<string> {
  const task = await em.findOne(Task, id, { populate: ['department'] });
  if (!task) throw notFound('Task', id);
  return task.department.getEntity().code;
}

const snapshot = (task: Task) => ({
  id: task.id,
  code: task.code,
  status: task.status,
  progressNote: task.progressNote ?? null,
  version: task.version,
});

/** extensions.current of a VERSION_CONFLICT: the snapshot with `status` as the Task type shows it (DONE). */
const currentView = (task: Task) => ({
  ...snapshot(task),
  status: task.status.toUpperCase(),
});

const loadForWrite = (em: EntityManager, id: number) => em.findOne(Task, id, { refresh: true });

/** A task's current values as VERSION_CONFLICT shows them (null when gone). */
export async function taskCurrentViewOf(em: EntityManager, id: number) {
  const task = await loadForWrite(em, id);
  return task && currentView(task);
}

/** updateTaskProgress: status and note of a task read at `version` (else VERSION_CONFLICT). */
export async function updateTaskProgress(
  tx: EntityManager,
  id: number,
  version: number,
  input: TaskProgressData,
): Promise<WriteOutcome<Task>> {
  const task = await recordAtVersion('Task', () => loadForWrite(tx, id), id, version, currentView);
  const before = snapshot(task);
  if (input.status != null) task.status = input.status;
  if (input.progressNote !== undefined)
    task.progressNote = optionalText('progressNote', input.progressNote, 2000);
  return { result: task, audit: () => ({ recordId: id, before, after: snapshot(task) }) };
}
