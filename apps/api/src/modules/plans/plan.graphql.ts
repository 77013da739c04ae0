// Plan: a provincial OCOP plan (e.g. 152/KH-UBND for 2021) with its targets and tasks.
import { builder } from '../../graphql/builder.js';
import { toId } from '../shared/input-checks.js';
import type { PlanAmendment as PlanAmendmentEntity } from './plan-amendment.entity.js';
import { planTargets, planVersionInForce } from './plan-facts.js';
import { PlanTarget } from './plan-target.graphql.js';
import type { Plan as PlanEntity } from './plan.entity.js';
import {
  findAmendments,
  findPlanById,
  findPlanOfYear,
  findPlans,
  findTasks,
  planYears,
} from './plan.service.js';
import { Task } from './task.graphql.js';

export const TargetChange =
  builder.objectRef<PlanAmendmentEntity['changes'][number]>('TargetChange');
TargetChange.implement({
  description: 'A target value set by an amendment.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Target code.' }),
    targetValue: t.exposeFloat('targetValue', { description: 'New target (lower bound).' }),
    targetMax: t.float({
      nullable: true,
      description: 'New upper bound (count between).',
      resolve: (c) => c.targetMax ?? null,
    }),
  }),
});

export const PlanAmendment = builder.objectRef<PlanAmendmentEntity>('PlanAmendment');
PlanAmendment.implement({
  description:
    'A version of a plan after an amendment; its values count from effectiveFrom (the plan as issued is version 1).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id.' }),
    number: t.exposeInt('number', { description: 'Version number (2 = first amendment).' }),
    documentCode: t.exposeString('documentCode', {
      description: 'Number of the amending document.',
    }),
    issuedOn: t.field({
      type: 'Date',
      description: 'Day it was signed.',
      resolve: (a) => a.issuedOn,
    }),
    effectiveFrom: t.field({
      type: 'Date',
      description: 'First day its values count.',
      resolve: (a) => a.effectiveFrom,
    }),
    reason: t.string({ nullable: true, description: 'Why.', resolve: (a) => a.reason ?? null }),
    changes: t.field({
      type: [TargetChange],
      description: 'Values it sets.',
      resolve: (a) => a.changes,
    }),
  }),
});

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
    programme: t.boolean({
      description:
        'True for a multi-year programme (2021–2025) whose targets may count since its start.',
      resolve: (p) => !!p.programme,
    }),
    sourceUrl: t.string({
      nullable: true,
      description: 'Where the plan or its figures were published.',
      resolve: (p) => p.sourceUrl ?? null,
    }),
    note: t.string({
      nullable: true,
      description: 'Caveats (e.g. document number not published).',
      resolve: (p) => p.note ?? null,
    }),
    amendments: t.field({
      type: [PlanAmendment],
      description: 'Amendments, oldest first.',
      resolve: (plan, _a, ctx) => findAmendments(ctx.em, plan.id),
    }),
    versionInForce: t.int({
      description:
        'Plan version in force on asOf (1 = as issued); progress uses that version’s values.',
      args: { asOf: t.arg({ type: 'Date', description: 'Day (default as for progress).' }) },
      resolve: (plan, args, ctx) => planVersionInForce(ctx, plan, args.asOf),
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
      resolve: async (plan, args, ctx) =>
        (await planTargets(ctx, plan)).map((target) => ({
          target,
          plan,
          asOf: args.asOf ?? null,
        })),
    }),
    tasks: t.field({
      type: [Task],
      description: 'Tasks the plan assigns to departments.',
      resolve: (plan, _a, ctx) => findTasks(ctx.em, plan.id),
    }),
  }),
});

builder.queryFields((t) => ({
  plans: t.field({
    type: [Plan],
    description:
      'Every plan (yearly plans and multi-year programmes), newest year first; a year’s plan before a programme starting that year.',
    resolve: (_root, _args, ctx) => findPlans(ctx.em),
  }),
  plan: t.field({
    type: Plan,
    nullable: true,
    description:
      'A plan by id, or the plan of a year (a year’s plan before a programme starting that year); null if none.',
    args: {
      year: t.arg.int({ description: 'Plan year, e.g. 2021.' }),
      id: t.arg.id({ description: 'Plan id (e.g. a programme); wins over year.' }),
    },
    resolve: (_root, args, ctx) =>
      args.id != null
        ? findPlanById(ctx.em, toId('id', args.id))
        : args.year != null
          ? findPlanOfYear(ctx.em, args.year)
          : null,
  }),
  planYears: t.intList({
    description:
      'Years that have a plan or lie in a programme’s period, ascending (for year selectors).',
    resolve: (_root, _args, ctx) => planYears(ctx.em),
  }),
}));
