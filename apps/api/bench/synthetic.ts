// Deterministic synthetic OCOP data at scale, written straight into a migrated (and seeded)
// database with multi-row INSERTs in one transaction. The data follows the rules the importer
// checks, taken from @ocop/domain: the rule set in force on each date, the level that recognises
// each star class under it, stars from the score bands, certificates valid 36 months
// (certificateValidUntil), upgrades superseding the certificate in force, re-certification after
// expiry, failed evaluations without a decision. Years 2019 (from 1048/QĐ-TTg) to 2025, the seed's
// 11 district-level units. Same size, same data, on both dialects.
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager, Knex } from '@mikro-orm/knex';
import {
  addDays,
  certificateValidUntil,
  mapGroup1048To148,
  recogniserFor,
  seededRandom,
  ruleSetInForce,
  vietnameseSortKey,
} from '@ocop/domain';
import { bumpDataVersionWith } from '../src/modules/data-version/data-version.service.js';
import { insertRecords, isPostgres, type Row } from '../src/modules/imports/sql-batch.js';

interface Rec {
  id: number | null;
}
interface EntityRec extends Rec {
  unitId: number;
  type: string;
  registeredOn: string;
  precision: 'day' | 'year';
  n: number;
}
interface ProductRec extends Rec {
  entity: EntityRec;
  group: string;
  n: number;
}
interface DecisionRec extends Rec {
  level: string;
  date: string;
  n: number;
}
interface ItemRec extends Rec {
  decision: DecisionRec;
  product: ProductRec;
  stars: number;
}
interface EvaluationRec extends Rec {
  product: ProductRec;
  level: string;
  date: string;
  ruleSet: string;
  total: number;
  stars: number;
}
interface CertificateRec extends Rec {
  item: ItemRec;
  validUntil: string;
  supersededOn: string | null;
}

export interface SyntheticSummary {
  entities: number;
  products: number;
  evaluations: number;
  decisions: number;
  items: number;
  certificates: number;
}

const TYPES = ['enterprise', 'cooperative', 'cooperative_group', 'household_business'];
const GROUPS = ['food', 'beverage', 'herbal', 'handicraft'];
/** Score bands of every rule set (rule-sets.ts STAR_BANDS): 50–69 3★, 70–89 4★, 90+ 5★. */
const TOTALS: Record<number, number> = { 2: 45, 3: 61, 4: 76.5, 5: 91 };
const FIRST_DAY = '2019-09-01';
const LAST_DAY = '2025-12-31';
const DAYS = 2313; // FIRST_DAY .. LAST_DAY

/**
 * Adds `products` synthetic products (2 per entity) with their evaluations, decisions, items and
 * certificates, and raises the data version like any write.
 */
export async function addSyntheticProducts(
  orm: MikroORM,
  products: number,
  seed = 152,
): Promise<SyntheticSummary> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const em = orm.em.fork() as unknown as SqlEntityManager;
  const units = (await em
    .getKnex()('admin_unit')
    .select('id')
    .whereIn('type', ['city', 'town', 'district'])
    .whereNull('valid_from')
    .orderBy('id')) as { id: number }[];
  if (units.length === 0) throw new Error('seed the database first: no district-level units');

  const entities: EntityRec[] = [];
  const productRecs: ProductRec[] = [];
  for (let i = 0; i < products; i++) {
    if (i % 2 === 0)
      entities.push({
        id: null,
        unitId: pick(units).id,
        type: pick(TYPES),
        registeredOn: addDays(FIRST_DAY, Math.floor(random() * DAYS)),
        precision: random() < 0.15 ? 'year' : 'day',
        n: entities.length + 1,
      });
    productRecs.push({ id: null, entity: entities.at(-1)!, group: pick(GROUPS), n: i + 1 });
  }

  // Decisions: one per level and day, so every item shares its decision's date and each
  // evaluation comes before its decision (at 100k products a decision has ~20 items).
  const decisions: DecisionRec[] = [];
  const byLevelAndDay = new Map<string, DecisionRec>();
  const decisionOn = (level: string, day: string): DecisionRec => {
    const key = `${level}:${day}`;
    let decision = byLevelAndDay.get(key);
    if (!decision) {
      decision = { id: null, level, date: day, n: decisions.length + 1 };
      decisions.push(decision);
      byLevelAndDay.set(key, decision);
    }
    return decision;
  };
  const evaluations: EvaluationRec[] = [];
  const items: ItemRec[] = [];
  const certificates: CertificateRec[] = [];

  for (const product of productRecs) {
    let day = addDays(FIRST_DAY, Math.floor(random() * DAYS));
    let stars = random() < 0.1 ? 2 : random() < 0.7 ? 3 : random() < 0.92 ? 4 : 5;
    let previous: CertificateRec | null = null;
    // A first evaluation, then possibly an upgrade within validity or a renewal after expiry.
    for (let round = 0; round < 3 && day <= LAST_DAY; round++) {
      const ruleSet = ruleSetInForce(day);
      const level = recogniserFor(ruleSet, Math.max(stars, 3)) ?? 'province';
      evaluations.push({
        id: null,
        product,
        level,
        date: day,
        ruleSet: ruleSet.code,
        total: TOTALS[stars]!,
        stars,
      });
      if (stars < 3) break;
      // The decision follows the council by a few weeks (same level, same rule set's recogniser).
      const decisionDay = addDays(day, 20 + Math.floor(random() * 20));
      if (decisionDay > LAST_DAY) break;
      const decision = decisionOn(level, decisionDay);
      const item = { id: null, decision, product, stars };
      items.push(item);
      // One open certificate per product (certificate_one_open_per_product): the next issue
      // supersedes the previous certificate, expired or not (supersessionDays in the domain).
      if (previous) previous.supersededOn = decision.date;
      previous = {
        id: null,
        item,
        validUntil: certificateValidUntil(decision.date),
        supersededOn: null,
      };
      certificates.push(previous);
      const next = random();
      if (next < 0.25 && stars < 5) {
        stars += 1; // upgrade while the certificate is in force
        day = addDays(decision.date, 200 + Math.floor(random() * 500));
      } else if (next < 0.55) {
        day = addDays(previous.validUntil, 10 + Math.floor(random() * 120)); // renewal after expiry
      } else break;
    }
  }

  await em.transactional(async (tx) => {
    const knex = (tx.getTransactionContext<Knex.Transaction>() ?? em.getKnex()) as Knex;
    const bool = (v: boolean) => (isPostgres(knex) ? v : v ? 1 : 0);
    // Like the importer: PostgreSQL's fact-segment triggers skip these inserts and the bump below
    // makes every segment stale (SQLite's triggers raise the segments as the rows go in).
    if (isPostgres(knex)) await knex.raw(`set local ocop.bulk_write = 'on'`);
    await insertRecords(knex, 'economic_entity', entities, (e): Row => ({
      name: `Chủ thể tổng hợp ${e.n}`,
      normalized_name: `chu the tong hop ${e.n}`,
      sort_key: vietnameseSortKey(`Chủ thể tổng hợp ${e.n}`),
      type: e.type,
      unit_id: e.unitId,
      registered_on:
        e.precision === 'year' ? `${e.registeredOn.slice(0, 4)}-12-31` : e.registeredOn,
      registered_precision: e.precision,
    }));
    await insertRecords(knex, 'product', productRecs, (p): Row => ({
      name: `Sản phẩm tổng hợp ${p.n}`,
      normalized_name: `san pham tong hop ${p.n}`,
      sort_key: vietnameseSortKey(`Sản phẩm tổng hợp ${p.n}`),
      entity_id: p.entity.id,
      unit_id: p.entity.unitId,
      group1048: p.group,
      group148: mapGroup1048To148(p.group).code,
    }));
    await insertRecords(knex, 'evaluation', evaluations, (e): Row => ({
      product_id: e.product.id,
      level: e.level,
      date: e.date,
      date_precision: 'day',
      year: Number(e.date.slice(0, 4)),
      rule_set_code: e.ruleSet,
      total: e.total,
      stars: e.stars,
      potential_five_star: bool(false),
      outcome: e.stars >= 3 ? 'passed' : 'failed',
    }));
    await insertRecords(knex, 'decision', decisions, (d): Row => ({
      group_key: `synthetic:${seed}:${d.n}`,
      number: `${d.n}/QĐ-TH`,
      date: d.date,
      date_precision: 'day',
      issuing_level: d.level,
      year: Number(d.date.slice(0, 4)),
    }));
    await insertRecords(knex, 'decision_item', items, (i): Row => ({
      decision_id: i.decision.id,
      product_id: i.product.id,
      stars: i.stars,
      action: 'recognise',
    }));
    await insertRecords(knex, 'certificate', certificates, (c): Row => ({
      product_id: c.item.product.id,
      decision_item_id: c.item.id,
      stars: c.item.stars,
      issued_on: c.item.decision.date,
      issued_precision: 'day',
      valid_until: c.validUntil,
      superseded_on: c.supersededOn,
    }));
    await bumpDataVersionWith(knex, { allSegments: true });
  });
  return {
    entities: entities.length,
    products: productRecs.length,
    evaluations: evaluations.length,
    decisions: decisions.length,
    items: items.length,
    certificates: certificates.length,
  };
}
