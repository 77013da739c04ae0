// What the database already holds for the rows of a decision list, read in a bounded number of
// set-based SELECTs (chunked IN lists), never one query per row.
import { createHash } from 'node:crypto';
import { decisionIdentity, normalizeDecisionNumber, type FactDate } from '@ocop/domain';
import type { Knex } from '@mikro-orm/knex';
import { visibleSql, type FencedTable } from '../../db/import-fence.js';
import { normalizeText } from '../shared/normalize-text.js';
import type { DecisionListRow } from './decision-list-format.js';
import { selectIn, type Row } from './sql-batch.js';

/** A valid row with the district-level unit it was matched to. */
export interface UnitRow extends DecisionListRow {
  unitId: number | null;
}

export interface ExistingEntity {
  id: number;
  type: string | null;
  commune: string | null;
  registeredOn: string | null;
  registeredPrecision: FactDate['precision'] | null;
}

export interface ExistingProduct {
  id: number;
  entityId: number | null;
  group1048: string | null;
  commune: string | null;
  registeredOn: string | null;
  registeredPrecision: FactDate['precision'] | null;
}

export interface ExistingEvaluation {
  id: number;
  total: number | null;
  stars: number | null;
  outcome: 'passed' | 'failed' | 'unknown';
}

export interface ExistingDecision {
  id: number;
  number: string | null;
  date: string;
  datePrecision: FactDate['precision'];
}

export type { StoredCertificateDays as ExistingCertificate } from '../certificates/certificate.service.js';
import type { StoredCertificateDays } from '../certificates/certificate.service.js';

export interface References {
  sources: Map<string, number>;
  /** `${unitId}|${normalizedName}` → the oldest entity with that name in that unit. */
  entities: Map<string, ExistingEntity>;
  /** `${unitId}|${normalizedName}` → products with that name in that unit, oldest first. */
  products: Map<string, ExistingProduct[]>;
  /** `${productId}|${level}|${date}` → the evaluation and its result (decision checks read it). */
  evaluations: Map<string, ExistingEvaluation>;
  /** Unnumbered decisions by the importer's group key. */
  decisionsByGroupKey: Map<string, ExistingDecision>;
  /** Numbered decisions by number + issuing level (packages/domain decisionIdentity). */
  decisionsByIdentity: Map<string, ExistingDecision>;
  /** `${decisionId}|${productId}` → the recognising item and its stars. */
  items: Map<string, { id: number; stars: number | null }>;
  /** Every certificate of the file's known products, oldest record first (supersession reads all). */
  certificates: Map<number, StoredCertificateDays[]>;
  /** `${unitId}|${normalizedCommune}` of communes recorded before, and commune units' names. */
  knownCommunes: Set<string>;
  communeUnitNames: Set<string>;
}

export const unitKey = (unitId: number | null, normalizedName: string) =>
  `${unitId ?? ''}|${normalizedName}`;

/** The group key of an unnumbered decision (level, day, year, batch), as earlier imports wrote it. */
export function unnumberedGroupKey(row: DecisionListRow, level: string, date: FactDate): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        level,
        null,
        date.precision === 'day' ? date.date : null,
        row.year,
        row.batch,
      ]),
    )
    .digest('hex');
}

/**
 * The group key of a numbered decision: its number and issuing level only (a free-text batch
 * never splits one decision), the same key recordDecision gives a typed-in decision.
 */
export function numberedGroupKey(number: string, level: string): string {
  return createHash('sha256')
    .update(JSON.stringify(['manual', level, normalizeDecisionNumber(number)]))
    .digest('hex');
}

const num = (value: unknown) => Number(value);
const strOrNull = (value: unknown) =>
  value === null || value === undefined ? null : String(value);
const precision = (value: unknown) => strOrNull(value) as FactDate['precision'] | null;

export async function fetchReferences(
  knex: Knex,
  rows: UnitRow[],
  normalize: (text: string) => string = normalizeText,
): Promise<References> {
  const refs: References = {
    sources: new Map(),
    entities: new Map(),
    products: new Map(),
    evaluations: new Map(),
    decisionsByGroupKey: new Map(),
    decisionsByIdentity: new Map(),
    items: new Map(),
    certificates: new Map(),
    knownCommunes: new Set(),
    communeUnitNames: new Set(),
  };
  // A second import does not see the rows of one still copying (db/import-fence.ts): they are not
  // there until it publishes them, and are deleted if it fails.
  const visible = (column: string, table: FencedTable) => visibleSql(knex, column, table);
  const urls = new Set<string>();
  const entityNames = new Set<string>();
  const productNames = new Set<string>();
  const groupKeys = new Set<string>();
  const numbers = new Set<string>();
  const unitIds = new Set<number>();
  for (const row of rows) {
    for (const url of row.sourceUrls) urls.add(url);
    if (row.entityName) entityNames.add(normalize(row.entityName));
    productNames.add(normalize(row.productName));
    if (row.unitId !== null) unitIds.add(row.unitId);
    if (row.level && row.date) {
      if (row.decisionNumber) numbers.add(normalizeDecisionNumber(row.decisionNumber));
      else groupKeys.add(unnumberedGroupKey(row, row.level, row.date));
    }
  }

  for (const r of await selectIn(urls, (c) =>
    knex('source').select('id', 'url').whereIn('url', c).whereRaw(visible('id', 'source')),
  ))
    refs.sources.set(String(r.url), num(r.id));

  const entityRows = await selectIn(entityNames, (c) =>
    knex('economic_entity')
      .select(
        'id',
        'normalized_name',
        'unit_id',
        'type',
        'commune',
        'registered_on',
        'registered_precision',
      )
      .whereIn('normalized_name', c)
      .whereRaw(visible('id', 'economic_entity'))
      .orderBy('id'),
  );
  for (const r of entityRows) {
    const key = unitKey(r.unit_id === null ? null : num(r.unit_id), String(r.normalized_name));
    if (refs.entities.has(key)) continue;
    refs.entities.set(key, {
      id: num(r.id),
      type: strOrNull(r.type),
      commune: strOrNull(r.commune),
      registeredOn: strOrNull(r.registered_on),
      registeredPrecision: precision(r.registered_precision),
    });
  }

  const productRows = await selectIn(productNames, (c) =>
    knex('product')
      .select(
        'id',
        'normalized_name',
        'unit_id',
        'entity_id',
        'group1048',
        'commune',
        'registered_on',
        'registered_precision',
      )
      .whereIn('normalized_name', c)
      .whereRaw(visible('id', 'product'))
      .orderBy('id'),
  );
  const productIds: number[] = [];
  for (const r of productRows) {
    const key = unitKey(r.unit_id === null ? null : num(r.unit_id), String(r.normalized_name));
    const list = refs.products.get(key) ?? [];
    list.push({
      id: num(r.id),
      entityId: r.entity_id === null ? null : num(r.entity_id),
      group1048: strOrNull(r.group1048),
      commune: strOrNull(r.commune),
      registeredOn: strOrNull(r.registered_on),
      registeredPrecision: precision(r.registered_precision),
    });
    refs.products.set(key, list);
    productIds.push(num(r.id));
  }

  for (const r of await selectIn(productIds, (c) =>
    knex('evaluation')
      .select('id', 'product_id', 'level', 'date', 'total', 'stars', 'outcome')
      .whereIn('product_id', c)
      .whereRaw(visible('id', 'evaluation')),
  ))
    refs.evaluations.set(`${num(r.product_id)}|${String(r.level)}|${String(r.date)}`, {
      id: num(r.id),
      total: r.total === null ? null : num(r.total),
      stars: r.stars === null ? null : num(r.stars),
      outcome: String(r.outcome) as ExistingEvaluation['outcome'],
    });

  for (const r of await selectIn(productIds, (c) =>
    knex('certificate')
      .select('id', 'product_id', 'issued_on', 'revoked_on', 'superseded_on')
      .whereIn('product_id', c)
      .whereRaw(visible('id', 'certificate'))
      .orderBy('id'),
  )) {
    const list = refs.certificates.get(num(r.product_id)) ?? [];
    list.push({
      id: num(r.id),
      issuedOn: String(r.issued_on),
      revokedOn: strOrNull(r.revoked_on),
      supersededOn: strOrNull(r.superseded_on),
    });
    refs.certificates.set(num(r.product_id), list);
  }

  const decisionColumns = ['id', 'group_key', 'number', 'date', 'date_precision', 'issuing_level'];
  const toDecision = (r: Row): ExistingDecision => ({
    id: num(r.id),
    number: strOrNull(r.number),
    date: String(r.date),
    datePrecision: String(r.date_precision) as FactDate['precision'],
  });
  const decisionIds: number[] = [];
  for (const r of await selectIn(groupKeys, (c) =>
    knex('decision')
      .select(decisionColumns)
      .whereIn('group_key', c)
      .whereRaw(visible('id', 'decision')),
  )) {
    refs.decisionsByGroupKey.set(String(r.group_key), toDecision(r));
    decisionIds.push(num(r.id));
  }
  for (const r of await selectIn(numbers, (c) =>
    knex('decision')
      .select(decisionColumns)
      .whereIn('number', c)
      .whereRaw(visible('id', 'decision'))
      .orderBy('id'),
  )) {
    const identity = decisionIdentity(
      String(r.number),
      String(r.issuing_level) as 'district' | 'province' | 'national',
    );
    if (refs.decisionsByIdentity.has(identity)) continue;
    refs.decisionsByIdentity.set(identity, toDecision(r));
    decisionIds.push(num(r.id));
  }
  const knownProducts = new Set(productIds);
  for (const r of await selectIn(decisionIds, (c) =>
    knex('decision_item')
      .select('id', 'decision_id', 'product_id', 'stars')
      .whereIn('decision_id', c)
      .where('action', 'recognise')
      .whereRaw(visible('id', 'decision_item')),
  )) {
    if (!knownProducts.has(num(r.product_id))) continue;
    refs.items.set(`${num(r.decision_id)}|${num(r.product_id)}`, {
      id: num(r.id),
      stars: r.stars === null ? null : num(r.stars),
    });
  }

  for (const table of ['product', 'economic_entity'] as const) {
    for (const r of await selectIn(unitIds, (c) =>
      knex(table)
        .distinct('unit_id', 'normalized_commune')
        .whereIn('unit_id', c)
        .whereNotNull('normalized_commune')
        .whereRaw(visible('id', table)),
    ))
      refs.knownCommunes.add(unitKey(num(r.unit_id), String(r.normalized_commune)));
  }
  for (const r of (await knex('admin_unit')
    .select('normalized_name')
    .where('type', 'commune')) as Row[])
    refs.communeUnitNames.add(String(r.normalized_name));
  return refs;
}
