// updateTaskProgress: the DEPARTMENT_OFFICER of the task's department records status and a note.
import type { EntityManager } from '@mikro-orm/core';
import { builder } from '../../graphql/builder.js';
import { notFound, validationFailed } from '../../graphql/errors.js';
import { expectVersion, runWrite } from '../audit/run-write.js';
import { whenSignedIn } from '../auth/resource-units.js';
import { optionalText, toId } from '../shared/input-checks.js';
import { TASK_STATUSES, Task as TaskEntity } from './task.entity.js';
import { Task } from './task.graphql.js';

const TaskProgressInput = builder.inputType('TaskProgressInput', {
  description: 'Progress of a task.',
  fields: (t) => ({
    progressNote: t.string({ description: 'Progress note (≤ 2000 characters).' }),
    status: t.string({ description: 'NOT_STARTED, IN_PROGRESS or DONE.' }),
  }),
});

const snapshot = (task: TaskEntity) => ({
  id: task.id,
  code: task.code,
  status: task.status,
  progressNote: task.progressNote ?? null,
  version: task.version,
});
/** extensions.current of a VERSION_CONFLICT: the snapshot with `status` as the Task type shows it (DONE). */
const currentView = (task: TaskEntity) => ({
  ...snapshot(task),
  status: task.status.toUpperCase(),
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
      whenSignedIn(ctx, async () => {
        const task = await ctx.em.findOne(TaskEntity, toId('id', args.id), {
          populate: ['department'],
        });
        if (!task) throw notFound('Task', args.id);
        return { departmentOfficer: task.department.getEntity().code };
      }),
    resolve: (_root, args, ctx) => {
      const id = toId('id', args.id);
      const load = (em: EntityManager) => em.findOne(TaskEntity, id, { refresh: true });
      return runWrite(
        ctx,
        {
          action: 'updateTaskProgress',
          recordType: 'Task',
          current: async (em) => await load(em).then((x) => x && currentView(x)),
        },
        async (tx) => {
          const task = await load(tx);
          if (!task) throw notFound('Task', id);
          expectVersion('Task', task, args.version, () => currentView(task));
          const before = snapshot(task);
          if (args.input.status != null) {
            const status = args.input.status.trim().toLowerCase() as TaskEntity['status'];
            if (!TASK_STATUSES.includes(status))
              throw validationFailed('status', {
                en: `"${args.input.status}" is not NOT_STARTED, IN_PROGRESS or DONE.`,
                vi: `"${args.input.status}" không phải NOT_STARTED, IN_PROGRESS hoặc DONE.`,
              });
            task.status = status;
          }
          if (args.input.progressNote !== undefined)
            task.progressNote = optionalText('progressNote', args.input.progressNote, 2000);
          return { result: task, audit: () => ({ recordId: id, before, after: snapshot(task) }) };
        },
      );
    },
  }),
}));
