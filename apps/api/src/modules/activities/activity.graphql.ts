// Activity and recordActivity: something a department did that evidences a task. The kind must
// be one of the department's tasks' activityKinds. DEPARTMENT_OFFICER of that department,
// SECRETARIAT, ADMIN. The checks and the write live in activity.service.ts.
import { builder } from '../../graphql/builder.js';
import { AdminUnit } from '../admin-units/admin-unit.graphql.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '../audit/run-write.js';
import { Department } from '../departments/department.graphql.js';
import { Activity as ActivityEntity } from './activity.entity.js';
import { activityById, recordActivity } from './activity.service.js';

export const Activity = builder.objectRef<ActivityEntity>('Activity');
Activity.implement({
  description: 'A recorded activity of a department (training, trade fair, article…).',
  fields: (t) => ({
    id: t.exposeID('id'),
    department: t.field({
      type: Department,
      resolve: (a, _x, ctx) => ctx.loaders.department.get(a.department.id),
    }),
    kind: t.exposeString('kind', {
      description: 'Activity kind (one of the department’s tasks’ activityKinds).',
    }),
    date: t.field({ type: 'Date', resolve: (a) => a.date }),
    unit: t.field({
      type: AdminUnit,
      nullable: true,
      resolve: (a, _x, ctx) => (a.unit ? ctx.loaders.adminUnit.load(a.unit.id) : null),
    }),
    count: t.exposeInt('count', {
      description: 'How many (sessions, participants… as the kind defines).',
    }),
    note: t.string({ nullable: true, resolve: (a) => a.note ?? null }),
    sample: t.exposeBoolean('sample', {
      description: 'True for fabricated demo rows (SAMPLE_ACTIVITIES).',
    }),
  }),
});

const ActivityInput = builder.inputType('ActivityInput', {
  description: 'An activity of a department.',
  fields: (t) => ({
    departmentCode: t.string({ required: true, description: 'Department code, e.g. "SNN".' }),
    kind: t.string({
      required: true,
      description: 'One of the department’s tasks’ activityKinds.',
    }),
    date: t.field({ type: 'Date', required: true, description: 'Day (2019-08-21 … today).' }),
    unitCode: t.string({ description: 'District-level unit where it took place.' }),
    entityIds: t.idList({ description: 'Entities concerned.' }),
    productIds: t.idList({ description: 'Products concerned.' }),
    count: t.int({ required: true, description: '1–100000.' }),
    note: t.string({ description: 'Note (≤ 2000 characters).' }),
  }),
});

builder.mutationFields((t) => ({
  recordActivity: t.field({
    type: Activity,
    description:
      'Records an activity. DEPARTMENT_OFFICER of input.departmentCode, SECRETARIAT, ADMIN.',
    args: {
      input: t.arg({ type: ActivityInput, required: true }),
      // An activity has no natural key (two trainings on one day are two records), so the key is
      // the only way a client's retry of a write it got no answer to is not stored twice.
      idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    authScopes: (_root, { input }) => ({
      $any: { admin: true, secretariat: true, departmentOfficer: input.departmentCode },
    }),
    resolve: (_root, { input, idempotencyKey }, ctx) =>
      runWrite(
        ctx,
        {
          action: 'recordActivity',
          recordType: 'Activity',
          idempotency: { key: idempotencyKey, input, load: activityById },
        },
        (tx) => recordActivity(tx, input, ctx.today),
      ),
  }),
}));
