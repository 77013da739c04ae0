// The certificate service's two forms of "in force on D" agree, on both dialects: a generated
// history of certificates (issues, same-day and backdated supersessions, expiries, revocations)
// is written through the service, then the SQL predicate (inForceSql, with D as a parameter and as
// a column) and the domain function (certificateInForce via inForceOn) are asked about every
// probe day, and their answers compared.
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { addDays, CERTIFICATE_STATUSES, type FactDate } from '@ocop/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Certificate } from '../src/modules/certificates/certificate.entity.js';
import {
  certificateOn,
  certificatesInForce,
  inForceOn,
  inForceSql,
  issueCertificates,
  productIdsByCertificateStatus,
  productIdsWithStarsInForce,
  revokeCertificates,
  statusOn,
} from '../src/modules/certificates/certificate.service.js';
import { DecisionItem } from '../src/modules/decisions/decision-item.entity.js';
import { Decision } from '../src/modules/decisions/decision.entity.js';
import { Product } from '../src/modules/products/product.entity.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from './db.js';

/** Deterministic pseudo-random integers below n (mulberry32), so every run writes the same history. */
function random(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const PRODUCTS = 12;
const EVENTS = 90;
const FIRST_DAY = '2019-09-01';

interface Event {
  productIndex: number;
  action: 'recognise' | 'revoke';
  date: FactDate;
}

/** Events in record order: mostly forward in time, some backdated, some same-day, some year-only. */
function generateHistory(): Event[] {
  const next = random(20261130);
  const events: Event[] = [];
  let day = FIRST_DAY;
  for (let i = 0; i < EVENTS; i++) {
    const productIndex = next(PRODUCTS);
    const roll = next(20);
    // roll < 3: the same day as the previous event.
    if (roll >= 3) day = addDays(day, 5 + next(60));
    let date: FactDate = { date: day, precision: 'day' };
    if (roll === 3) date = { date: addDays(day, -400 - next(300)), precision: 'day' }; // backdated
    if (roll === 4) date = { date: `${day.slice(0, 4)}-12-31`, precision: 'year' };
    if (date.date < FIRST_DAY) date = { date: FIRST_DAY, precision: 'day' };
    events.push({ productIndex, action: roll >= 17 ? 'revoke' : 'recognise', date });
  }
  return events;
}

async function writeHistory(orm: MikroORM): Promise<{ revoked: number; skipped: number }> {
  const em = orm.em.fork() as EntityManager;
  const products = await em.transactional(async (tx) =>
    Array.from({ length: PRODUCTS }, (_, i) =>
      tx.create(Product, { name: `Sản phẩm ${i + 1}`, normalizedName: `san pham ${i + 1}` }),
    ),
  );
  let revoked = 0;
  let skipped = 0;
  for (const [i, event] of generateHistory().entries()) {
    await orm.em.fork().transactional(async (tx) => {
      const product = tx.getReference(Product, products[event.productIndex]!.id);
      if (event.action === 'revoke') {
        const inForce = await certificatesInForce(tx, [product.id], event.date.date);
        if (!inForce.get(product.id)?.length) {
          skipped++;
          return;
        }
      }
      const decision = tx.create(Decision, {
        groupKey: String(i).padStart(64, '0'),
        number: `${i + 1}/QĐ-UBND`,
        date: event.date.date,
        datePrecision: event.date.precision,
        issuingLevel: 'province',
        batch: null,
        year: Number(event.date.date.slice(0, 4)),
      });
      const item = tx.create(DecisionItem, {
        decision,
        product,
        stars: 3 + (i % 3),
        action: event.action,
      });
      if (event.action === 'revoke') {
        revoked += (await revokeCertificates(tx, [product.id], event.date.date)).length;
      } else {
        await issueCertificates(tx, [
          { product, decisionItem: item, stars: item.stars ?? null, issued: event.date },
        ]);
      }
    });
  }
  return { revoked, skipped };
}

/** Every 7th day from 2019-08-21 to 2029-12-31, plus each bounding day of each certificate ±1. */
function probeDays(certs: Certificate[]): string[] {
  const days = new Set<string>();
  for (let d = '2019-08-21'; d <= '2029-12-31'; d = addDays(d, 7)) days.add(d);
  for (const c of certs)
    for (const edge of [c.issuedOn, c.validUntil, c.revokedOn, c.supersededOn])
      if (edge) for (const delta of [-1, 0, 1]) days.add(addDays(String(edge), delta));
  return [...days].sort();
}

describe.each(DIALECTS)('certificate service on %s', (kind) => {
  let orm: MikroORM;
  let certs: Certificate[];
  let days: string[];
  let written: { revoked: number; skipped: number };
  beforeAll(async () => {
    orm = await createTestOrm(kind);
    written = await writeHistory(orm);
    certs = await orm.em.fork().find(Certificate, {}, { orderBy: { id: 'asc' } });
    days = probeDays(certs);
  });
  afterAll(() => destroyTestOrm(orm));

  it('wrote a history with every kind of event', () => {
    const superseded = certs.filter((c) => c.supersededOn);
    expect(certs.length).toBeGreaterThan(60);
    expect(superseded.length).toBeGreaterThan(30);
    expect(superseded.some((c) => c.supersededOn === c.issuedOn)).toBe(true); // same-day
    expect(certs.some((c) => c.issuedPrecision === 'year')).toBe(true);
    expect(written.revoked).toBeGreaterThan(3);
    expect(certs.filter((c) => c.revokedOn).length).toBe(written.revoked);
    // Expired without successor: open, but its 36 months ran out before the last probe day.
    expect(
      certs.some((c) => !c.supersededOn && !c.revokedOn && String(c.validUntil) < '2029-12-31'),
    ).toBe(true);
    // Backdated records: issued before an earlier record of the same product.
    expect(
      certs.some((c) =>
        certs.some((o) => o.product.id === c.product.id && o.id < c.id && o.issuedOn > c.issuedOn),
      ),
    ).toBe(true);
  });

  it('keeps at most one certificate open per product', () => {
    const open = certs.filter((c) => !c.supersededOn && !c.revokedOn).map((c) => c.product.id);
    expect(new Set(open).size).toBe(open.length);
  });

  it('answers "in force on D" the same in SQL (D a parameter) and in the domain, day by day', async () => {
    const knex = (orm.em.fork() as EntityManager).getKnex();
    let compared = 0;
    let inForcePairs = 0;
    for (const day of days) {
      const [where, params] = inForceSql('c', day);
      const rows = (await knex.raw(
        `select c.id from certificate c where ${where} order by c.id`,
        params,
      )) as unknown;
      const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
        id: unknown;
      }[];
      const fromSql = list.map((r) => Number(r.id));
      const fromDomain = certs.filter((c) => inForceOn(c, day)).map((c) => c.id);
      expect(fromSql, day).toEqual(fromDomain);
      // One certificate in force per product on any day.
      const productsInForce = certs
        .filter((c) => fromDomain.includes(c.id))
        .map((c) => c.product.id);
      expect(new Set(productsInForce).size, day).toBe(productsInForce.length);
      compared += certs.length;
      inForcePairs += fromSql.length;
    }
    expect(days.length).toBeGreaterThan(700);
    expect(compared).toBe(days.length * certs.length);
    expect(inForcePairs).toBeGreaterThan(1000);
    const superseded = certs.filter((c) => c.supersededOn).length;
    const revoked = certs.filter((c) => c.revokedOn).length;
    console.info(
      `${kind}: ${certs.length} certificates (${superseded} superseded, ${revoked} revoked), ` +
        `${days.length} probe days, ${compared} certificate-days compared, ${inForcePairs} in force`,
    );
  });

  it('answers the same with D a column of the query (the stats series form)', async () => {
    const knex = (orm.em.fork() as EntityManager).getKnex();
    await knex.schema.createTable('probe_day', (t) => t.date('day'));
    for (let i = 0; i < days.length; i += 200)
      await knex('probe_day').insert(days.slice(i, i + 200).map((day) => ({ day })));
    const [where] = inForceSql('c', { column: 'b.day' });
    const rows = (await knex.raw(
      `select b.day as day, c.id as id from probe_day b join certificate c on ${where}`,
    )) as unknown;
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
      day: unknown;
      id: unknown;
    }[];
    const fromSql = list.map((r) => `${String(r.day).slice(0, 10)}|${Number(r.id)}`).sort();
    const fromDomain = days
      .flatMap((day) => certs.filter((c) => inForceOn(c, day)).map((c) => `${day}|${c.id}`))
      .sort();
    expect(fromSql.length).toBeGreaterThan(1000);
    expect(fromSql).toEqual(fromDomain);
  });
  it('selects products by stars in force and by shown status as the domain does (product filters)', async () => {
    const em = orm.em.fork();
    const byProduct = new Map<number, Certificate[]>();
    for (const c of certs) byProduct.set(c.product.id, [...(byProduct.get(c.product.id) ?? []), c]);
    const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
    let matched = 0;
    // Every 10th probe day keeps the test short; the edges of each certificate are among them.
    for (const day of days.filter((_, i) => i % 10 === 0)) {
      const shown = [...byProduct].flatMap(([id, list]) => {
        const cert = certificateOn(list, day);
        return cert ? [{ id, cert }] : [];
      });
      for (const stars of [[3], [4, 5]]) {
        const expected = shown
          .filter(({ cert }) => inForceOn(cert, day) && stars.includes(cert.stars ?? 0))
          .map(({ id }) => id);
        expect(sorted(await productIdsWithStarsInForce(em, stars, day)), day).toEqual(
          sorted(expected),
        );
        matched += expected.length;
      }
      for (const status of CERTIFICATE_STATUSES) {
        const expected = shown.filter(({ cert }) => statusOn(cert, day) === status);
        expect(
          sorted(await productIdsByCertificateStatus(em, status, day)),
          `${day} ${status}`,
        ).toEqual(sorted(expected.map(({ id }) => id)));
        matched += expected.length;
      }
    }
    expect(matched).toBeGreaterThan(500);
  });
});
