// Plan.responsibilities: the department responsibility matrix of a plan (body × task × role ×
// status × linked targets × activities), read by responsibility.service.ts in a fixed number of
// statements; linked targets' progress shares the request's plan facts (plan-facts.ts).
import { builder } from '../../graphql/builder.js';
import { PlanTarget } from '../plans/plan-target.graphql.js';
import { Plan } from '../plans/plan.graphql.js';
import { Task } from '../plans/task.graphql.js';
import { Department } from './department.graphql.js';
import { responsibilitiesOf, type ResponsibilityRow } from './responsibility.service.js';

export const TaskResponsibility = builder.objectRef<ResponsibilityRow>('TaskResponsibility');
TaskResponsibility.implement({
  description:
    'One row of a plan’s responsibility matrix: a task, the body that leads or coordinates it, the plan targets that body owns and the activities that evidence the task.',
  fields: (t) => ({
    task: t.field({
      type: Task,
      description: 'The task (code, role, summary, status).',
      resolve: (r) => r.task,
    }),
    department: t.field({
      type: Department,
      description: 'The body the task is assigned to.',
      resolve: (r) => r.department,
    }),
    linkedTargets: t.field({
      type: [PlanTarget],
      description:
        'Targets of the same plan owned by the body, in plan order; their progress is on the as-of day of responsibilities.',
      resolve: (r) => r.targets.map((target) => ({ target, plan: r.plan, asOf: r.asOf })),
    }),
    recordedActivities: t.exposeInt('recordedActivities', {
      description:
        'Recorded (non-sample) activities of the task dated in the plan period up to the as-of day (sum of their counts).',
    }),
    sampleActivities: t.exposeInt('sampleActivities', {
      description:
        'Generated SAMPLE activities of the task in the same window (demo data, never facts); 0 when SAMPLE_ACTIVITIES=0.',
    }),
  }),
});

builder.objectField(Plan, 'responsibilities', (t) =>
  t.field({
    type: [TaskResponsibility],
    description:
      'The plan’s tasks in plan order, each with its body, role, linked targets and activity counts (the /departments matrix).',
    args: {
      asOf: t.arg({
        type: 'Date',
        description:
          'Day for activity counts and target progress (default today, or the period end for a past plan).',
      }),
      departmentCode: t.arg.string({ description: 'Only this body’s tasks, e.g. "SNN".' }),
    },
    resolve: (plan, args, ctx) => responsibilitiesOf(ctx.em, plan, args, ctx.today),
  }),
);
