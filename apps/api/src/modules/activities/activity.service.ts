// Activity reads: the list behind the public `activities` connection.
import type { EntityManager, FilterQuery } from '@mikro-orm/knex';
import type { Page } from '../../graphql/pagination.js';
import type { Sort } from '../products/product.service.js';
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
