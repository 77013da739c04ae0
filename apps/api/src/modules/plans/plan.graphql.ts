// Plan: a provincial OCOP plan (e.g. 152/KH-UBND for 2021) with its targets and tasks.
import { builder } from '../../graphql/builder.js';
import { PlanTarget as PlanTargetEntity } from './plan-target.entity.js';
import { PlanTarget } from './plan-target.graphql.js';
import { Plan as PlanEntity } from './plan.entity.js';
import { Task as TaskEntity } from './task.entity.js';
import { Task } from './task.graphql.js';

export const Plan = builder.objectRef<PlanEntity>('Plan');
Plan.implement({
  description:
    'A provincial OCOP plan for a year, e.g. 152/KH-UBND of 2021-03-24 (An Giang, 2021).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id.' }),
    year: t.exposeInt('year', { description: 'Plan year.' }),
    code: t.exposeString('code', { description: 'Document number, e.g. "152/KH-UBND".' }),
    title: t.exposeString('title', { description: 'Title in Vietnamese.' }),
    issuedOn: t.field({
      type: 'Date',
      description: 'Day the plan was signed.',
      resolve: (p) => p.issuedOn,
    }),
    periodStart: t.field({
      type: 'Date',
      description: 'First day of the period.',
      resolve: (p) => p.periodStart,
    }),
    periodEnd: t.field({
      type: 'Date',
      description: 'Last day of the period.',
      resolve: (p) => p.periodEnd,
    }),
    targets: t.field({
      type: [PlanTarget],
      description: 'Targets in plan order; `asOf` becomes the default of each target’s progress.',
      args: {
        asOf: t.arg({
          type: 'Date',
          description:
            'Default as-of day for progress (default today, or the period end for a past plan).',
        }),
      },
      resolve: async (plan, args, ctx) => {
        const targets = await ctx.em.find(
          PlanTargetEntity,
          { plan: plan.id },
          { orderBy: { sortOrder: 'asc', id: 'asc' } },
        );
        return targets.map((target) => ({ target, plan, asOf: args.asOf ?? null }));
      },
    }),
    tasks: t.field({
      type: [Task],
      description: 'Tasks the plan assigns to departments.',
      resolve: (plan, _a, ctx) =>
        ctx.em.find(TaskEntity, { plan: plan.id }, { orderBy: { id: 'asc' } }),
    }),
  }),
});

builder.queryFields((t) => ({
  plans: t.field({
    type: [Plan],
    description: 'All plans, newest first.',
    resolve: (_root, _args, ctx) =>
      ctx.em.find(PlanEntity, {}, { orderBy: { year: 'desc', id: 'desc' } }),
  }),
  plan: t.field({
    type: Plan,
    nullable: true,
    description: 'The plan of a year; null if none.',
    args: { year: t.arg.int({ required: true, description: 'Plan year, e.g. 2021.' }) },
    resolve: (_root, args, ctx) =>
      ctx.em.findOne(PlanEntity, { year: args.year }, { orderBy: { id: 'asc' } }),
  }),
}));
