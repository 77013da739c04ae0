// Activity reads and writes: the list behind the public `activities` connection, and
// recordActivity (the kind must be one of the department's tasks' activityKinds).
import type { EntityManager, FilterQuery } from '@mikro-orm/knex';
import type { Page } from '../../graphql/pagination.js';
import type { Sort } from '../products/product.service.js';
import type { EntityManager as WriteEntityManager } from '@mikro-orm/core';
import { validationFailed } from '../../graphql/errors.js';
import type { WriteOutcome } from '../audit/run-write.js';
import { Department } from '../departments/department.entity.js';
import { EconomicEntity } from '../entities/economic-entity.entity.js';
import { Task } from '../plans/task.entity.js';
import { Product } from '../products/product.entity.js';
import {
  checkProgrammeDate,
  findDistrictUnit,
  optionalText,
  toId,
} from '../shared/input-checks.js';
import { Activity } from './activity.entity.js';
import { requireDepartmentCode, requireUnitCode } from '../shared/known-codes.js';

export interface ActivityQuery {
  /** False: recorded activities only; true: generated sample rows only; null: both. */
  sample: boolean | null;
  departmentCode?: string | null;
  kind?: string | null;
  unitCode?: string | null;
  /** Activity date on or after / on or before (inclusive). */
  from?: string | null;
  to?: string | null;
}

export type ActivitySortField = 'date';

/** One page of activities matching the query; ties break by id. */
export async function listActivities(
  em: EntityManager,
  q: ActivityQuery,
  sort: Sort<ActivitySortField>,
  page: Page,
): Promise<[Activity[], number]> {
  await requireUnitCode(em, q.unitCode, 'filter.unitCode');
  await requireDepartmentCode(em, q.departmentCode, 'filter.departmentCode');
  const where: FilterQuery<Activity> = {
    ...(q.sample != null ? { sample: q.sample } : {}),
    ...(q.departmentCode ? { department: { code: q.departmentCode } } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.unitCode ? { unit: { code: q.unitCode } } : {}),
    ...(q.from || q.to
      ? { date: { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) } }
      : {}),
  };
  const dir = sort.direction;
  return em.findAndCount(Activity, where, {
    orderBy: [{ date: dir }, { id: dir }],
    limit: page.limit,
    offset: page.offset,
  });
}

/** An activity as a form or the API gives it. */
export interface ActivityInputData {
  departmentCode: string;
  kind: string;
  date: string;
  unitCode?: string | null;
  entityIds?: (string | number)[] | null;
  productIds?: (string | number)[] | null;
  count: number;
  note?: string | null;
}

/** recordActivity: checks the department, kind, date, count and references, then records it. */
export async function recordActivity(
  tx: WriteEntityManager,
  input: ActivityInputData,
  today: string,
): Promise<WriteOutcome<Activity>> {
  const department = await tx.findOne(Department, { code: input.departmentCode });
  if (!department)
    throw validationFailed('departmentCode', {
      en: `Unknown department "${input.departmentCode}".`,
      vi: `Không có sở, ngành "${input.departmentCode}".`,
    });
  const tasks = await tx.find(Task, { department: department.id }, { orderBy: { id: 'asc' } });
  const task = tasks.find((x) => x.activityKinds.includes(input.kind));
  if (!task) {
    const kinds = [...new Set(tasks.flatMap((x) => x.activityKinds))].join(', ');
    throw validationFailed('kind', {
      en: `"${input.kind}" is not an activity kind of ${department.code}'s tasks (${kinds}).`,
      vi: `"${input.kind}" không phải loại hoạt động thuộc nhiệm vụ của ${department.code} (${kinds}).`,
    });
  }
  checkProgrammeDate('date', input.date, today);
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
  const products = productIds.length ? await tx.find(Product, { id: { $in: productIds } }) : [];
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
  const activity = tx.create(Activity, {
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
}

/** The activity an idempotency key recorded, by the id it stored (null when gone). */
export function activityById(em: WriteEntityManager, id: string): Promise<Activity | null> {
  return em.findOne(Activity, Number(id));
}
