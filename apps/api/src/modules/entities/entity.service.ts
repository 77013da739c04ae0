// Entity reads and writes: the entities list behind the `entities` connection, and registerEntity /
// updateEntity (one entity per normalised name and unit).
import type { EntityManager, FilterQuery, QueryOrderMap } from '@mikro-orm/knex';
import type { Page } from '../../graphql/pagination.js';
import {
  entityIdsOfProductsQuery,
  isActive,
  type ProductQuery,
  type Sort,
} from '../products/product.service.js';
import type { EntityManager as WriteEntityManager } from '@mikro-orm/core';
import { duplicate, validationFailed } from '../../graphql/errors.js';
import { recordAtVersion, type WriteOutcome } from '../audit/run-write.js';
import { findDistrictUnit, optionalText, requireText } from '../shared/input-checks.js';
import { normalizeText } from '../shared/normalize-text.js';
import { inIdOrder, pageOfIds } from '../shared/page-of-ids.js';
import { EconomicEntity, type EntityType } from './economic-entity.entity.js';
import { entityCurrentView, entitySnapshot } from './entity-snapshot.js';

export type EntitySortField = 'name';

/** One page of the entities making at least one product matching the filter (all without one). */
export async function listEntities(
  em: EntityManager,
  filter: ProductQuery,
  sort: Sort<EntitySortField>,
  page: Page,
): Promise<[EconomicEntity[], number]> {
  const dir = sort.direction;
  // Vietnamese alphabetical order (sortKey, domain vietnamese-order.ts).
  const orderBy: QueryOrderMap<EconomicEntity>[] = [{ sortKey: dir }, { id: dir }];
  if (!isActive(filter)) {
    return em.findAndCount(EconomicEntity, {}, { orderBy, limit: page.limit, offset: page.offset });
  }
  // The products' filter (a search above all) runs once, inside the statement that returns the
  // page's ids and the total (shared/page-of-ids.ts).
  const where: FilterQuery<EconomicEntity> = {
    id: { $in: (await entityIdsOfProductsQuery(em, filter)) as never },
  };
  const [ids, total] = await pageOfIds(
    em.createQueryBuilder(EconomicEntity, 'e').where(where).orderBy(orderBy),
    page,
    () => em.count(EconomicEntity, where),
  );
  const rows = ids.length ? await em.find(EconomicEntity, { id: { $in: ids } }) : [];
  return [inIdOrder(rows, ids), total];
}

/** The fields of an entity as a form or the API gives them. */
export interface EntityInputData {
  name: string;
  type: EntityType;
  commune?: string | null;
  unitCode: string;
  ownerName?: string | null;
  ownerPhone?: string | null;
}

const PHONE_RE = /^\+?[0-9 .()-]{8,20}$/;

async function entityValues(
  tx: WriteEntityManager,
  input: EntityInputData,
  excludeId: number | null,
) {
  const name = requireText('name', input.name, 300);
  const unit = await findDistrictUnit(tx, 'unitCode', input.unitCode);
  const commune = optionalText('commune', input.commune, 200);
  const ownerName = optionalText('ownerName', input.ownerName, 200);
  const ownerPhone = (input.ownerPhone ?? '').trim() || null;
  if (ownerPhone && !PHONE_RE.test(ownerPhone)) {
    throw validationFailed('ownerPhone', {
      en: `"${ownerPhone}" is not a phone number.`,
      vi: `"${ownerPhone}" không phải là số điện thoại.`,
    });
  }
  const normalizedName = normalizeText(name);
  const values = {
    name,
    normalizedName,
    type: input.type,
    commune,
    normalizedCommune: commune ? normalizeText(commune) : null,
    unit,
    ownerName,
    ownerPhone,
  };
  // One entity per normalised name and unit (a unique index).
  const clash = await tx.findOne(EconomicEntity, {
    normalizedName,
    unit: unit.id,
    ...(excludeId ? { id: { $ne: excludeId } } : {}),
  });
  if (!clash) return { values, existing: null };
  const same =
    excludeId === null &&
    (['name', 'type', 'commune', 'ownerName', 'ownerPhone'] as const).every(
      (k) => (clash[k] ?? null) === values[k],
    );
  if (!same) {
    throw duplicate(
      'Entity',
      'name',
      {
        en: `Entity "${clash.name}" already exists in ${unit.name} (id ${clash.id}).`,
        vi: `Chủ thể "${clash.name}" đã có ở ${unit.name} (mã ${clash.id}).`,
      },
      clash.id,
    );
  }
  return { values, existing: clash };
}

/**
 * registerEntity: the same entity again (a repeated or parallel identical call) returns the
 * recorded one; another one under that name in that unit is DUPLICATE.
 */
export async function registerEntity(
  tx: WriteEntityManager,
  input: EntityInputData,
  today: string,
): Promise<WriteOutcome<EconomicEntity>> {
  const { values, existing } = await entityValues(tx, input, null);
  if (existing)
    return { result: existing, written: false, audit: () => ({ recordId: existing.id }) };
  const entity = tx.create(EconomicEntity, {
    ...values,
    registeredOn: today,
    registeredPrecision: 'day',
  });
  return {
    result: entity,
    audit: () => ({ recordId: entity.id, after: entitySnapshot(entity) }),
  };
}

const loadForWrite = (em: WriteEntityManager, id: number) =>
  em.findOne(EconomicEntity, id, { populate: ['unit'], refresh: true });

/** An entity's current values as VERSION_CONFLICT shows them (null when gone). */
export async function entityCurrentViewOf(em: WriteEntityManager, id: number) {
  const entity = await loadForWrite(em, id);
  return entity && entityCurrentView(entity);
}

/** updateEntity: edits an entity read at `version` (else VERSION_CONFLICT). */
export async function updateEntity(
  tx: WriteEntityManager,
  id: number,
  version: number,
  input: EntityInputData,
): Promise<WriteOutcome<EconomicEntity>> {
  const entity = await recordAtVersion(
    'Entity',
    () => loadForWrite(tx, id),
    id,
    version,
    entityCurrentView,
  );
  const before = entitySnapshot(entity);
  tx.assign(entity, (await entityValues(tx, input, id)).values);
  return {
    result: entity,
    audit: () => ({ recordId: id, before, after: entitySnapshot(entity) }),
  };
}

/** The entity an idempotency key recorded, by the id it stored (null when gone). */
export function entityById(em: WriteEntityManager, id: string): Promise<EconomicEntity | null> {
  return em.findOne(EconomicEntity, Number(id));
}
