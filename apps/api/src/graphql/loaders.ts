// Per-request DataLoaders: every nested field that would query once per parent (a product's
// entity, unit, decision items, certificates, sources…) batches into one query per level.
// Created with the request's forked EntityManager, so nothing is shared between requests.
//
// Why a module and not @pothos/plugin-dataloader: most of these loads feed computations rather
// than a field that returns the loaded rows — a product's decision items give its current stars,
// latest decision and star history; its certificates give the one in force on `asOf`; auth scopes
// need a record's unit before a field resolves; stats read decisions by id. The plugin's loadable
// fields cover only the "field returns the rows" case, so using it would leave two mechanisms.
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/knex';
import { visiblePopulate } from '../db/import-fence-populate.js';
import { AdminUnit } from '../modules/admin-units/admin-unit.entity.js';
import { Certificate } from '../modules/certificates/certificate.entity.js';
import { DecisionItem } from '../modules/decisions/decision-item.entity.js';
import { Decision } from '../modules/decisions/decision.entity.js';
import { Department } from '../modules/departments/department.entity.js';
import {
  activityCountsOf,
  departmentsWithSamples,
  tasksOfDepartments,
  type ActivityCountRow,
} from '../modules/departments/department.service.js';
import { EconomicEntity } from '../modules/entities/economic-entity.entity.js';
import { Evaluation } from '../modules/evaluations/evaluation.entity.js';
import { Product } from '../modules/products/product.entity.js';
import { PublishedFigure } from '../modules/sources/published-figure.entity.js';
import { User } from '../modules/users/user.entity.js';
import type { Source } from '../modules/sources/source.entity.js';

/**
 * Rows by id. `load` gives null for an id with no row (lookups by a client's id); `get` is for
 * ids a foreign key holds, whose row the database guarantees — its absence is a bug, not null.
 */
export class RowLoader<T extends { id: number }> extends DataLoader<number, T | null> {
  constructor(
    private readonly label: string,
    find: (ids: number[]) => Promise<T[]>,
  ) {
    super(async (ids) => {
      const map = new Map((await find([...ids])).map((row) => [row.id, row]));
      return ids.map((id) => map.get(id) ?? null);
    });
  }

  async get(id: number): Promise<T> {
    const row = await this.load(id);
    if (!row) throw new Error(`${this.label} ${id} is referenced but does not exist`);
    return row;
  }
}

/**
 * Rows by a unique code. `load` gives null for a code no row has (codes from clients); `get` is
 * for codes the data holds (a figure's unit), whose row must exist — its absence is a bug.
 */
export class CodeLoader<T extends { code: string }> extends DataLoader<string, T | null> {
  constructor(
    private readonly label: string,
    find: (codes: string[]) => Promise<T[]>,
  ) {
    super(async (codes) => {
      const map = new Map((await find([...codes])).map((row) => [row.code, row]));
      return codes.map((code) => map.get(code) ?? null);
    });
  }

  async get(code: string): Promise<T> {
    const row = await this.load(code);
    if (!row) throw new Error(`${this.label} ${code} is referenced but does not exist`);
    return row;
  }
}

/** Lists per parent id, each list in the order the query returned its rows. */
function listsBy<T>(find: (ids: number[]) => Promise<T[]>, key: (row: T) => number | undefined) {
  return new DataLoader<number, T[]>(async (ids) => {
    const lists = new Map<number, T[]>();
    for (const row of await find([...ids])) {
      const k = key(row);
      if (k === undefined) continue;
      const list = lists.get(k);
      if (list) list.push(row);
      else lists.set(k, [row]);
    }
    return ids.map((id) => lists.get(id) ?? []);
  });
}

/** The sources of records, by record id (one query populating the many-to-many). */
function sourcesBy(
  find: (ids: number[]) => Promise<{ id: number; sources: { getItems(): Source[] } }[]>,
) {
  return new DataLoader<number, Source[]>(async (ids) => {
    const map = new Map((await find([...ids])).map((r) => [r.id, r.sources.getItems()]));
    return ids.map((id) => map.get(id) ?? []);
  });
}

/** A find's options loading its `sources`, without those of an unfinished import. */
const visibleSources = (em: EntityManager) =>
  ({
    populate: ['sources'],
    refresh: false,
    ...visiblePopulate(em, 'sources', 'source'),
  }) as const;

export function createLoaders(em: EntityManager) {
  return {
    adminUnit: new RowLoader('AdminUnit', (ids) => em.find(AdminUnit, { id: { $in: ids } })),
    adminUnitByCode: new CodeLoader('AdminUnit', (codes) =>
      em.find(AdminUnit, { code: { $in: codes } }),
    ),
    department: new RowLoader('Department', (ids) => em.find(Department, { id: { $in: ids } })),
    entity: new RowLoader('Entity', (ids) => em.find(EconomicEntity, { id: { $in: ids } })),
    product: new RowLoader('Product', (ids) => em.find(Product, { id: { $in: ids } })),
    decision: new RowLoader('Decision', (ids) => em.find(Decision, { id: { $in: ids } })),
    // Audit records keep the actor's id after the user is gone, so `load` (null) not `get`.
    user: new RowLoader('User', (ids) => em.find(User, { id: { $in: ids } })),
    tasksByDepartment: listsBy(
      (ids) => tasksOfDepartments(em, ids),
      (row) => row.department.id,
    ),
    /** Whether a department has sample (fabricated) activity records. */
    departmentHasSamples: new DataLoader<number, boolean>(async (ids) => {
      const withSamples = await departmentsWithSamples(em, ids);
      return ids.map((id) => withSamples.has(id));
    }),
    /** Activity counts by kind and month per department, keyed by `${year ?? ''}` too. */
    activityCountsByDepartment: new DataLoader<
      { departmentId: number; year: number | null },
      ActivityCountRow[],
      string
    >(
      async (keys) => {
        const byYear = new Map<number | null, number[]>();
        for (const k of keys) byYear.set(k.year, [...(byYear.get(k.year) ?? []), k.departmentId]);
        const found = new Map<string, ActivityCountRow[]>();
        for (const [year, ids] of byYear) {
          for (const row of await activityCountsOf(em, ids, year)) {
            const key = `${row.departmentId}|${year ?? ''}`;
            found.set(key, [...(found.get(key) ?? []), row]);
          }
        }
        return keys.map((k) => found.get(`${k.departmentId}|${k.year ?? ''}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.departmentId}|${k.year ?? ''}` },
    ),
    /** A product's recognise/revoke decision items with their decisions, oldest first. */
    decisionItemsByProduct: listsBy(
      (ids) =>
        em.find(
          DecisionItem,
          { product: { $in: ids } },
          { populate: ['decision'], orderBy: { decision: { date: 'asc' }, id: 'asc' } },
        ),
      (row) => row.product.id,
    ),
    decisionItemsByDecision: listsBy(
      (ids) => em.find(DecisionItem, { decision: { $in: ids } }, { orderBy: { id: 'asc' } }),
      (row) => row.decision.id,
    ),
    certificatesByProduct: listsBy(
      (ids) =>
        em.find(
          Certificate,
          { product: { $in: ids } },
          { populate: ['decisionItem'], orderBy: { issuedOn: 'asc', id: 'asc' } },
        ),
      (row) => row.product.id,
    ),
    evaluationsByProduct: listsBy(
      (ids) =>
        em.find(Evaluation, { product: { $in: ids } }, { orderBy: { date: 'asc', id: 'asc' } }),
      (row) => row.product.id,
    ),
    productsByEntity: listsBy(
      (ids) =>
        em.find(Product, { entity: { $in: ids } }, { orderBy: { sortKey: 'asc', id: 'asc' } }),
      (row) => row.entity?.id,
    ),
    // Sources an unfinished import wrote stay out of these links (db/import-fence-populate.ts).
    productSources: sourcesBy((ids) => em.find(Product, { id: { $in: ids } }, visibleSources(em))),
    decisionSources: sourcesBy((ids) =>
      em.find(Decision, { id: { $in: ids } }, visibleSources(em)),
    ),
    evaluationSources: sourcesBy((ids) =>
      em.find(Evaluation, { id: { $in: ids } }, visibleSources(em)),
    ),
    // The services that return figures populate their sources already; those collections are
    // not loaded again (MikroORM populates only uninitialised collections without `refresh`).
    publishedFigureSources: sourcesBy((ids) =>
      em.find(PublishedFigure, { id: { $in: ids } }, { populate: ['sources'], refresh: false }),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
