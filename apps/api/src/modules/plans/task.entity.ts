import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Department } from '../departments/department.entity.js';
import { Plan } from './plan.entity.js';

export const TASK_ROLES = ['lead', 'coordinate'] as const;
export const TASK_STATUSES = ['not_started', 'in_progress', 'done'] as const;

/** A task the plan assigns to a department; `activityKinds` name the activities that evidence it. */
export const Task = defineEntity({
  name: 'Task',
  tableName: 'task',
  uniques: [{ properties: ['plan', 'code'] }],
  properties: {
    id: p.integer().primary(),
    plan: () => p.manyToOne(Plan).ref(),
    code: p.string().length(64),
    department: () => p.manyToOne(Department).ref().index(),
    role: p.enum([...TASK_ROLES]),
    summaryVi: p.text(),
    summaryEn: p.text(),
    activityKinds: p.json<string[]>(),
    progressNote: p.text().nullable(),
    status: p.enum([...TASK_STATUSES]).default('not_started'),
    version: p.integer().version(),
  },
});
export type Task = InferEntity<typeof Task>;
