// Task: what the plan asks a department to do, and the targets it serves.
import { builder } from '../../graphql/builder.js';
import { dbEnum } from '../../graphql/enums.js';
import { Department } from '../departments/department.graphql.js';
import { PlanTarget } from './plan-target.graphql.js';
import { TASK_ROLES, TASK_STATUSES, type Task as TaskEntity } from './task.entity.js';
import { linkedTargetsOf } from './task.service.js';

export const TaskRoleEnum = dbEnum('TaskRole', TASK_ROLES, {
  description: 'Role of the department in the task.',
  valueDescriptions: { lead: 'Chủ trì (leads).', coordinate: 'Phối hợp (coordinates).' },
});

export const TaskStatusEnum = dbEnum('TaskStatus', TASK_STATUSES, {
  description: 'Progress of a task, as its department reports it (updateTaskProgress).',
  valueDescriptions: {
    not_started: 'Chưa bắt đầu (not started).',
    in_progress: 'Đang thực hiện (in progress).',
    done: 'Hoàn thành (done).',
  },
});

export const Task = builder.objectRef<TaskEntity>('Task');
Task.implement({
  description:
    'A task plan 152/KH-UBND assigns to a department; activityKinds name the activities that evidence it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id.' }),
    code: t.exposeString('code', { description: 'Stable code, e.g. "SNN-1".' }),
    department: t.field({
      type: Department,
      description: 'Responsible department.',
      resolve: (task, _a, ctx) => ctx.loaders.department.get(task.department.id),
    }),
    role: t.field({
      type: TaskRoleEnum,
      description: 'Leads or coordinates.',
      resolve: (task) => task.role,
    }),
    summaryVi: t.exposeString('summaryVi', {
      description: 'Summary in Vietnamese, as in the plan.',
    }),
    summaryEn: t.exposeString('summaryEn', { description: 'Summary in English.' }),
    status: t.field({
      type: TaskStatusEnum,
      description: 'Set by updateTaskProgress.',
      resolve: (task) => task.status,
    }),
    progressNote: t.string({
      nullable: true,
      description: 'Latest progress note from the department.',
      resolve: (task) => task.progressNote ?? null,
    }),
    version: t.exposeInt('version', {
      description: 'Optimistic-concurrency version; pass it to updateTaskProgress.',
    }),
    activityKinds: t.stringList({
      description: 'Activity kinds that evidence the task.',
      resolve: (task) => task.activityKinds,
    }),
    linkedTargets: t.field({
      type: [PlanTarget],
      description: 'Targets of the same plan owned by the task’s department.',
      resolve: (task, _a, ctx) => linkedTargetsOf(ctx.em, task),
    }),
  }),
});
