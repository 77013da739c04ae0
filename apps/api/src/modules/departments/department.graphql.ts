// Department: a body plan 152 assigns tasks to, with its recorded activity counts.
import { builder } from '../../graphql/builder.js';
import { Activity } from '../activities/activity.entity.js';
import { ActivityCount, type ActivityCountShape } from '../activities/activity-count.graphql.js';
import { Task as TaskEntity } from '../plans/task.entity.js';
import { Task } from '../plans/task.graphql.js';
import { Department as DepartmentEntity } from './department.entity.js';

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
      resolve: (d, _a, ctx) =>
        ctx.em.find(TaskEntity, { department: d.id }, { orderBy: { id: 'asc' } }),
    }),
    activityCounts: t.field({
      type: [ActivityCount],
      description:
        'Recorded activities by kind and month (sample rows are flagged), optionally for one year.',
      args: { year: t.arg.int({ description: 'Calendar year.' }) },
      resolve: async (d, args, ctx) => {
        const where: Record<string, unknown> = { department: d.id };
        if (args.year) where.date = { $gte: `${args.year}-01-01`, $lte: `${args.year}-12-31` };
        const rows = await ctx.em.find(Activity, where, {
          fields: ['kind', 'date', 'count', 'sample'],
          orderBy: { date: 'asc', id: 'asc' },
        });
        const counts = new Map<string, ActivityCountShape>();
        for (const r of rows) {
          const month = String(r.date).slice(0, 7);
          const key = `${r.kind}|${month}|${r.sample}`;
          const c = counts.get(key) ?? { kind: r.kind, month, count: 0, sample: r.sample };
          c.count += r.count;
          counts.set(key, c);
        }
        return [...counts.values()];
      },
    }),
    isSampleDataIncluded: t.boolean({
      description:
        'True when some of its activity records are fabricated sample data (SAMPLE_ACTIVITIES), not published facts.',
      resolve: async (d, _a, ctx) =>
        (await ctx.em.count(Activity, { department: d.id, sample: true })) > 0,
    }),
  }),
});

builder.queryFields((t) => ({
  departments: t.field({
    type: [Department],
    description: 'All departments, by code.',
    resolve: (_root, _args, ctx) => ctx.em.find(DepartmentEntity, {}, { orderBy: { code: 'asc' } }),
  }),
  department: t.field({
    type: Department,
    nullable: true,
    description: 'One department by code (e.g. "SNN"); null if none.',
    args: { code: t.arg.string({ required: true, description: 'Department code.' }) },
    resolve: (_root, args, ctx) => ctx.em.findOne(DepartmentEntity, { code: args.code }),
  }),
}));
