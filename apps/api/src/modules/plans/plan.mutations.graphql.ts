// Plan writes of the SECRETARIAT: createPlan, addTarget, updateTarget, addTask, copyPlan and
// amendPlan. Each runs through runWrite (one transaction, one audit record); the checks live in
// plan.service.ts.
import { builder } from '../../graphql/builder.js';
import { runWrite } from '../audit/run-write.js';
import { toId } from '../shared/input-checks.js';
import { PlanAmendment } from './plan.graphql.js';
import { Plan } from './plan.graphql.js';
import { PlanTarget, TargetKindEnum } from './plan-target.graphql.js';
import {
  addTarget,
  addTask,
  amendPlan,
  copyPlan,
  createPlan,
  targetCurrentOf,
  updateTarget,
} from './plan.service.js';
import { Task } from './task.graphql.js';
import { TaskRoleEnum } from './task.graphql.js';

const PlanInput = builder.inputType('PlanInput', {
  description: 'A plan: document number, signing day, period; a programme spans several years.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Document number, e.g. "152/KH-UBND".' }),
    year: t.int({ required: true, description: 'Plan year (a programme: its first year).' }),
    title: t.string({ required: true, description: 'Title in Vietnamese.' }),
    issuedOn: t.field({ type: 'Date', required: true, description: 'Day it was signed.' }),
    periodStart: t.field({ type: 'Date', required: true, description: 'First day.' }),
    periodEnd: t.field({ type: 'Date', required: true, description: 'Last day.' }),
    programme: t.boolean({ description: 'A multi-year programme (default false).' }),
    sourceUrl: t.string({ description: 'Where it was published (http/https).' }),
    note: t.string({ description: 'Caveats.' }),
  }),
});

// Generic in `required`, so TargetInput's fields are typed as required and TargetUpdateInput's
// as optional (the service's TargetInput and TargetUpdate).
const targetFields = <Required extends boolean>(required: Required) =>
  builder.inputType(required ? 'TargetInput' : 'TargetUpdateInput', {
    description: required
      ? 'A target: kind, metric, value(s), unit scope, lead body, labels and definition.'
      : 'Fields of a target to correct; absent fields keep their value.',
    fields: (t) => ({
      code: t.string({ required, description: 'Stable code, e.g. "T1-CERTIFIED".' }),
      kind: t.field({ type: TargetKindEnum, required, description: 'How it is judged.' }),
      metric: t.string({
        required,
        description:
          'Metric (e.g. products_first_certified, products_certified_3star, five_star_products_cumulative, entities_cooperative_share, products_upgraded_share) or no_data_source.',
      }),
      targetValue: t.float({ required, description: 'Target (lower bound of a range).' }),
      targetMax: t.float({ description: 'Upper bound (COUNT_BETWEEN only).' }),
      unitLabel: t.string({ required, description: '"products", "entities", "percent"…' }),
      scope: t.string({
        required,
        description: 'What it applies to ("province", "each district-level unit").',
      }),
      ownerCode: t.string({ description: 'Lead body (department code, e.g. SNN).' }),
      labelVi: t.string({ required, description: 'Label in Vietnamese.' }),
      labelEn: t.string({ required, description: 'Label in English.' }),
      definition: t.string({ required, description: 'What is counted (English).' }),
      definitionVi: t.string({ description: 'What is counted (Vietnamese).' }),
      sourceUrl: t.string({ description: 'Where it was published.' }),
      note: t.string({ description: 'Caveats.' }),
    }),
  });
const TargetInput = targetFields(true);
const TargetUpdateInput = targetFields(false);

const TaskInput = builder.inputType('TaskInput', {
  description: 'A task the plan assigns to a department.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Stable code, e.g. "SNN-1".' }),
    departmentCode: t.string({ required: true, description: 'Department code.' }),
    role: t.field({ type: TaskRoleEnum, required: true, description: 'Leads or coordinates.' }),
    summaryVi: t.string({ required: true, description: 'Summary in Vietnamese.' }),
    summaryEn: t.string({ required: true, description: 'Summary in English.' }),
    activityKinds: t.stringList({ description: 'Activity kinds that evidence it.' }),
  }),
});

const TargetChangeInput = builder.inputType('TargetChangeInput', {
  description: 'A new value for one target.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Target code.' }),
    targetValue: t.float({ required: true, description: 'New target (lower bound).' }),
    targetMax: t.float({ description: 'New upper bound (COUNT_BETWEEN).' }),
  }),
});

const AmendmentInput = builder.inputType('PlanAmendmentInput', {
  description: 'An amendment: the document, the day its values count from, the new values.',
  fields: (t) => ({
    documentCode: t.string({ required: true, description: 'Number of the amending document.' }),
    issuedOn: t.field({ type: 'Date', required: true, description: 'Day it was signed.' }),
    effectiveFrom: t.field({ type: 'Date', required: true, description: 'First day it counts.' }),
    reason: t.string({ description: 'Why.' }),
    changes: t.field({ type: [TargetChangeInput], required: true, description: 'New values.' }),
  }),
});

builder.mutationFields((t) => ({
  createPlan: t.field({
    type: Plan,
    description: 'Creates a plan (a year’s plan or a multi-year programme). SECRETARIAT.',
    args: { input: t.arg({ type: PlanInput, required: true }) },
    authScopes: { secretariat: true },
    resolve: (_root, { input }, ctx) =>
      runWrite(ctx, { action: 'createPlan', recordType: 'Plan', uniqueField: 'code' }, (tx) =>
        createPlan(tx, input),
      ),
  }),
  addTarget: t.field({
    type: PlanTarget,
    description: 'Adds a target to a plan. SECRETARIAT.',
    args: {
      planId: t.arg.id({ required: true }),
      input: t.arg({ type: TargetInput, required: true }),
    },
    authScopes: { secretariat: true },
    resolve: (_root, args, ctx) =>
      runWrite(ctx, { action: 'addTarget', recordType: 'PlanTarget', uniqueField: 'code' }, (tx) =>
        addTarget(tx, toId('planId', args.planId), args.input),
      ),
  }),
  updateTarget: t.field({
    type: PlanTarget,
    description:
      'Corrects a target as issued, read at `version` (else VERSION_CONFLICT). A changed decision is an amendment: use amendPlan. SECRETARIAT.',
    args: {
      id: t.arg.id({ required: true }),
      version: t.arg.int({ required: true }),
      input: t.arg({ type: TargetUpdateInput, required: true }),
    },
    authScopes: { secretariat: true },
    resolve: (_root, args, ctx) => {
      const id = toId('id', args.id);
      return runWrite(
        ctx,
        {
          action: 'updateTarget',
          recordType: 'PlanTarget',
          current: (em) => targetCurrentOf(em, id),
        },
        (tx) => updateTarget(tx, id, args.version, args.input),
      );
    },
  }),
  addTask: t.field({
    type: Task,
    description: 'Adds a department task to a plan. SECRETARIAT.',
    args: {
      planId: t.arg.id({ required: true }),
      input: t.arg({ type: TaskInput, required: true }),
    },
    authScopes: { secretariat: true },
    resolve: (_root, args, ctx) =>
      runWrite(ctx, { action: 'addTask', recordType: 'Task', uniqueField: 'code' }, (tx) =>
        addTask(tx, toId('planId', args.planId), args.input),
      ),
  }),
  copyPlan: t.field({
    type: Plan,
    description:
      'Starts a new plan from an existing one: its targets (values in force at its end) and tasks, the period shifted to toYear. SECRETARIAT.',
    args: {
      fromPlanId: t.arg.id({ required: true, description: 'Plan to copy.' }),
      toYear: t.arg.int({ required: true, description: 'Year of the new plan.' }),
      code: t.arg.string({ required: true, description: 'Document number of the new plan.' }),
      issuedOn: t.arg({ type: 'Date', required: true, description: 'Day it was signed.' }),
      title: t.arg.string({ description: 'Title (default: the old one with the year changed).' }),
    },
    authScopes: { secretariat: true },
    resolve: (_root, args, ctx) =>
      runWrite(ctx, { action: 'copyPlan', recordType: 'Plan', uniqueField: 'code' }, (tx) =>
        copyPlan(tx, toId('fromPlanId', args.fromPlanId), args.toYear, {
          code: args.code,
          issuedOn: args.issuedOn,
          title: args.title ?? null,
        }),
      ),
  }),
  amendPlan: t.field({
    type: PlanAmendment,
    description:
      'Records an amendment: the plan’s next version, whose values count from effectiveFrom (figures before then keep the old values). SECRETARIAT.',
    args: {
      planId: t.arg.id({ required: true }),
      input: t.arg({ type: AmendmentInput, required: true }),
    },
    authScopes: { secretariat: true },
    resolve: (_root, args, ctx) =>
      runWrite(ctx, { action: 'amendPlan', recordType: 'Plan' }, (tx) =>
        amendPlan(tx, toId('planId', args.planId), args.input),
      ),
  }),
}));
