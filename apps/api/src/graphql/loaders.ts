// Per-request DataLoaders: every nested field that would query once per parent (a product's
// entity, unit, latest decision, certificates, sources…) batches into one query per level.
// Created with the request's forked EntityManager, so nothing is shared between requests.
import DataLoader from 'dataloader';
import type { EntityManager, EntityName } from '@mikro-orm/core';
import { AdminUnit } from '../modules/admin-units/admin-unit.entity.js';
import { Certificate } from '../modules/certificates/certificate.entity.js';
import { DecisionItem } from '../modules/decisions/decision-item.entity.js';
import { Decision } from '../modules/decisions/decision.entity.js';
import { Department } from '../modules/departments/department.entity.js';
import { EconomicEntity } from '../modules/entities/economic-entity.entity.js';
import { Evaluation } from '../modules/evaluations/evaluation.entity.js';
import { Product } from '../modules/products/product.entity.js';
import type { Source } from '../modules/sources/source.entity.js';

type WithId = { id: number };

function byId<T extends WithId>(em: EntityManager, entity: EntityName<T>) {
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = (await em.find(entity, { id: { $in: [...ids] } } as never)) as T[];
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** Groups rows by a numeric key, in the order the query returned them. */
function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

function manyBy<T>(load: (ids: number[]) => Promise<T[]>, key: (row: T) => number) {
  return new DataLoader<number, T[]>(async (ids) => {
    const grouped = groupBy(await load([...ids]), key);
    return ids.map((id) => grouped.get(id) ?? []);
  });
}

function sourcesOf<T extends WithId & { sources: { getItems(): Source[] } }>(
  em: EntityManager,
  entity: EntityName<T>,
) {
  return new DataLoader<number, Source[]>(async (ids) => {
    const rows = (await em.find(entity, { id: { $in: [...ids] } } as never, {
      populate: ['sources'] as never,
      refresh: false,
    })) as T[];
    const map = new Map(rows.map((r) => [r.id, r.sources.getItems()]));
    return ids.map((id) => map.get(id) ?? []);
  });
}

export function createLoaders(em: EntityManager) {
  return {
    adminUnit: byId<AdminUnit>(em, AdminUnit),
    adminUnitByCode: new DataLoader<string, AdminUnit | null>(async (codes) => {
      const rows = await em.find(AdminUnit, { code: { $in: [...codes] } });
      const map = new Map(rows.map((r) => [r.code, r]));
      return codes.map((c) => map.get(c) ?? null);
    }),
    department: byId<Department>(em, Department),
    entity: byId<EconomicEntity>(em, EconomicEntity),
    product: byId<Product>(em, Product),
    decision: byId<Decision>(em, Decision),
    /** A product's recognise/revoke decision items with their decisions, oldest first. */
    decisionItemsByProduct: manyBy<DecisionItem>(
      (ids) =>
        em.find(
          DecisionItem,
          { product: { $in: ids } },
          { populate: ['decision'], orderBy: { decision: { date: 'asc' }, id: 'asc' } },
        ),
      (row) => row.product.id,
    ),
    decisionItemsByDecision: manyBy<DecisionItem>(
      (ids) => em.find(DecisionItem, { decision: { $in: ids } }, { orderBy: { id: 'asc' } }),
      (row) => row.decision.id,
    ),
    certificatesByProduct: manyBy<Certificate>(
      (ids) =>
        em.find(
          Certificate,
          { product: { $in: ids } },
          { populate: ['decisionItem'], orderBy: { issuedOn: 'asc', id: 'asc' } },
        ),
      (row) => row.product.id,
    ),
    evaluationsByProduct: manyBy<Evaluation>(
      (ids) =>
        em.find(Evaluation, { product: { $in: ids } }, { orderBy: { date: 'asc', id: 'asc' } }),
      (row) => row.product.id,
    ),
    productsByEntity: manyBy<Product>(
      (ids) => em.find(Product, { entity: { $in: ids } }, { orderBy: { name: 'asc', id: 'asc' } }),
      (row) => row.entity!.id,
    ),
    productSources: sourcesOf<Product>(em, Product),
    decisionSources: sourcesOf<Decision>(em, Decision),
    evaluationSources: sourcesOf<Evaluation>(em, Evaluation),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
