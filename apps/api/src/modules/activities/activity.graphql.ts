// Activity and recordActivity: something a department did that evidences a task. The kind must
// be one of the department's tasks' activityKinds. DEPARTMENT_OFFICER of that department,
// SECRETARIAT, ADMIN.
import { builder } from '../../graphql/builder.js';
import { validationFailed } from '../../graphql/errors.js';
import { AdminUnit } from '../admin-units/admin-unit.graphql.js';
import { runWrite } from '../audit/run-write.js';
import { Department as DepartmentEntity } from '../departments/department.entity.js';
import { Department } from '../departments/department.graphql.js';
import { EconomicEntity } from '../entities/economic-entity.entity.js';
import { Task as TaskEntity } from '../plans/task.entity.js';
import { Product } from '../products/product.entity.js';
import {
  checkProgrammeDate,
  findDistrictUnit,
  optionalText,
  toId,
} from '../shared/input-checks.js';
import { Activity as ActivityEntity } from './activity.entity.js';

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
    args: { input: t.arg({ type: ActivityInput, required: true }) },
    authScopes: (_root, { input }) => ({
      $any: { admin: true, secretariat: true, departmentOfficer: input.departmentCode },
    }),
    resolve: (_root, { input }, ctx) =>
      runWrite(ctx, { action: 'recordActivity', recordType: 'Activity' }, async (tx) => {
        const department = await tx.findOne(DepartmentEntity, { code: input.departmentCode });
        if (!department)
          throw validationFailed('departmentCode', {
            en: `Unknown department "${input.departmentCode}".`,
            vi: `Không có sở, ngành "${input.departmentCode}".`,
          });
        const tasks = await tx.find(
          TaskEntity,
          { department: department.id },
          { orderBy: { id: 'asc' } },
        );
        const task = tasks.find((x) => x.activityKinds.includes(input.kind));
        if (!task) {
          const kinds = [...new Set(tasks.flatMap((x) => x.activityKinds))].join(', ');
          throw validationFailed('kind', {
            en: `"${input.kind}" is not an activity kind of ${department.code}'s tasks (${kinds}).`,
            vi: `"${input.kind}" không phải loại hoạt động thuộc nhiệm vụ của ${department.code} (${kinds}).`,
          });
        }
        checkProgrammeDate('date', input.date, ctx.today);
        if (!Number.isInteger(input.count) || input.count < 1 || input.count > 100_000) {
          throw validationFailed('count', {
            en: 'count must be 1–100000.',
            vi: 'Số lượng phải từ 1 đến 100000.',
          });
        }
        const unit = input.unitCode ? await findDistrictUnit(tx, 'unitCode', input.unitCode) : null;
        const entityIds = (input.entityIds ?? []).map((id) => toId('entityIds', id));
        const productIds = (input.productIds ?? []).map((id) => toId('productIds', id));
        const entities = entityIds.length
          ? await tx.find(EconomicEntity, { id: { $in: entityIds } })
          : [];
        const products = productIds.length
          ? await tx.find(Product, { id: { $in: productIds } })
          : [];
        if (entities.length !== new Set(entityIds).size)
          throw validationFailed('entityIds', {
            en: 'An entity in entityIds does not exist.',
            vi: 'Có chủ thể trong danh sách không tồn tại.',
          });
        if (products.length !== new Set(productIds).size)
          throw validationFailed('productIds', {
            en: 'A product in productIds does not exist.',
            vi: 'Có sản phẩm trong danh sách không tồn tại.',
          });
        const activity = tx.create(ActivityEntity, {
          department,
          task,
          kind: input.kind,
          date: input.date,
          datePrecision: 'day',
          unit,
          count: input.count,
          note: optionalText('note', input.note, 2000),
          sample: false,
        });
        entities.forEach((e) => activity.entities.add(e));
        products.forEach((p) => activity.products.add(p));
        return {
          result: activity,
          audit: () => ({
            recordId: activity.id,
            after: {
              id: activity.id,
              departmentCode: department.code,
              taskCode: task.code,
              kind: input.kind,
              date: input.date,
              unitCode: unit?.code ?? null,
              count: input.count,
              note: activity.note ?? null,
              entityIds,
              productIds,
            },
          }),
        };
      }),
  }),
}));
