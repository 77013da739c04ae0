// Department: a body plan 152 assigns tasks to, with its recorded activity counts.
import { builder } from '../../graphql/builder.js';
import { ActivityCount, type ActivityCountShape } from '../activities/activity-count.graphql.js';
import { Task } from '../plans/task.graphql.js';
import type { Department as DepartmentEntity } from './department.entity.js';
import { findDepartmentByCode, listDepartments } from './department.service.js';

export const Department = builder.objectRef<DepartmentEntity>('Department');
Department.implement({
  description:
    'A department or committee the plan assigns tasks to (Sở NN&PTNT, Sở Công Thương, district committees…).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id.' }),
    code: t.exposeString('code', { description: 'Stable code, e.g. "SNN".' }),
    nameVi: t.exposeString('nameVi', { description: 'Vietnamese name.' }),
    nameEn: t.exposeString('nameEn', { description: 'English name.' }),
    role: t.exposeString('role', {
      description: 'Role in the programme, as in the plan (English; same as roleEn).',
    }),
    roleEn: t.exposeString('role', { description: 'Role in the programme, in English.' }),
    roleVi: t.string({
      nullable: true,
      description: 'Role in the programme, in Vietnamese; null when not recorded.',
      resolve: (d) => d.roleVi ?? null,
    }),
    tasks: t.field({
      type: [Task],
      description: 'Tasks assigned to it (all plans).',
      resolve: (d, _a, ctx) => ctx.loaders.tasksByDepartment.load(d.id),
    }),
    activityCounts: t.field({
      type: [ActivityCount],
      description:
        'Recorded activities by kind and month (sample rows are flagged), optionally for one year.',
      args: { year: t.arg.int({ description: 'Calendar year.' }) },
      resolve: async (d, args, ctx): Promise<ActivityCountShape[]> =>
        (
          await ctx.loaders.activityCountsByDepartment.load({
            departmentId: d.id,
            year: args.year ?? null,
          })
        ).map(({ kind, month, count, sample }) => ({ kind, month, count, sample })),
    }),
    isSampleDataIncluded: t.boolean({
      description:
        'True when some of its activity records are fabricated sample data (SAMPLE_ACTIVITIES), not published facts.',
      resolve: (d, _a, ctx) => ctx.loaders.departmentHasSamples.load(d.id),
    }),
  }),
});

builder.queryFields((t) => ({
  departments: t.field({
    type: [Department],
    description: 'All departments, by code.',
    resolve: (_root, _args, ctx) => listDepartments(ctx.em),
  }),
  department: t.field({
    type: Department,
    nullable: true,
    description: 'One department by code (e.g. "SNN"); null if none.',
    args: { code: t.arg.string({ required: true, description: 'Department code.' }) },
    resolve: (_root, args, ctx) => findDepartmentByCode(ctx.em, args.code),
  }),
}));
