// updateTaskProgress: the DEPARTMENT_OFFICER of the task's department records status and a note.
// The check and the write live in task.service.ts.
import { builder } from '../../graphql/builder.js';
import { runWrite } from '../audit/run-write.js';
import { whenSignedIn } from '../auth/resource-units.js';
import { toId } from '../shared/input-checks.js';
import { Task, TaskStatusEnum } from './task.graphql.js';
import { taskCurrentViewOf, taskDepartmentCode, updateTaskProgress } from './task.service.js';

const TaskProgressInput = builder.inputType('TaskProgressInput', {
  description: 'Progress of a task.',
  fields: (t) => ({
    progressNote: t.string({ description: 'Progress note (≤ 2000 characters).' }),
    status: t.field({ type: TaskStatusEnum, description: 'New status (omitted: unchanged).' }),
  }),
});

builder.mutationFields((t) => ({
  updateTaskProgress: t.field({
    type: Task,
    description:
      'Updates a task’s status/note read at `version` (else VERSION_CONFLICT). DEPARTMENT_OFFICER of the task’s department.',
    args: {
      id: t.arg.id({ required: true }),
      version: t.arg.int({ required: true }),
      input: t.arg({ type: TaskProgressInput, required: true }),
    },
    authScopes: (_root, args, ctx) =>
      whenSignedIn(ctx, async () => ({
        departmentOfficer: await taskDepartmentCode(ctx.em, toId('id', args.id)),
      })),
    resolve: (_root, args, ctx) => {
      const id = toId('id', args.id);
      return runWrite(
        ctx,
        {
          action: 'updateTaskProgress',
          recordType: 'Task',
          current: (em) => taskCurrentViewOf(em, id),
        },
        (tx) => updateTaskProgress(tx, id, args.version, args.input),
      );
    },
  }),
}));
