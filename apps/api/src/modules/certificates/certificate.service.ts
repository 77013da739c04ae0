// The one owner of certificates: issuing (with the supersession of the one in force), revoking,
// and "in force on a date" in both forms, the domain function for loaded rows and an SQL predicate
// for queries. Both are built from IN_FORCE_BOUNDS in packages/domain/src/rules/certificate.ts, so
// they agree by construction (test/certificate-service.test.ts compares them day by day).
// Decisions (recordDecision), the decision-list importer (and through it the seed), stats, the
// expiry radar and the product filters all go through here.
import { LockMode, type EntityManager } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import {
  certificateInForce,
  certificateStatus,
  certificateValidUntil,
  IN_FORCE_BOUNDS,
  isInForceStatus,
  ruleSetInForce,
  supersessionDays,
  type CertificateDates,
  type CertificateDay,
  type CertificateStatus,
  type FactDate,
  type IsoDate,
} from '@ocop/domain';
import { visibleSql } from '../../db/import-fence.js';
import type { DecisionItem } from '../decisions/decision-item.entity.js';
import { Product } from '../products/product.entity.js';
import { Certificate } from './certificate.entity.js';
import { sqlEm } from '../shared/sql-em.js';

/** Column of each bounding day in the `certificate` table. */
const COLUMNS: Record<CertificateDay, string> = {
  issuedOn: 'issued_on',
  validUntil: 'valid_until',
  revokedOn: 'revoked_on',
  supersededOn: 'superseded_on',
};

/** An SQL condition and its positional parameters (`?`), as knex and the QueryBuilder take them. */
export type SqlCondition = [sql: string, params: string[]];

/**
 * "Certificate `alias` is in force on D" as SQL for both dialects, one condition per domain bound:
 * `issued_on <= D and (revoked_on is null or revoked_on > D) and (superseded_on is null or
 * superseded_on > D) and valid_until >= D`. D is a day (bound as a parameter) or a column
 * expression of the query (`{ column: 'b.end_day' }`).
 */
export function inForceSql(alias: string, on: IsoDate | { column: string }): SqlCondition {
  const params: string[] = [];
  const day = () => {
    if (typeof on !== 'string') return on.column;
    params.push(on);
    return '?';
  };
  const parts = IN_FORCE_BOUNDS.map((bound) => {
    const column = `${alias}.${COLUMNS[bound.day]}`;
    const compare = `${column} ${bound.relation} ${day()}`;
    return bound.nullHolds ? `(${column} is null or ${compare})` : compare;
  });
  return [`(${parts.join(' and ')})`, params];
}

/** ISO day of a date column (SQLite gives strings, PostgreSQL may give Date objects). */
const day = (value: unknown): IsoDate =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
const dayOrNull = (value: unknown): IsoDate | null =>
  value === null || value === undefined ? null : day(value);

/** The days of a stored certificate, as the domain reads them. */
export function certificateDates(cert: Certificate): CertificateDates {
  return {
    issuedOn: { date: day(cert.issuedOn), precision: cert.issuedPrecision },
    validUntil: day(cert.validUntil),
    revokedOn: dayOrNull(cert.revokedOn),
    supersededOn: dayOrNull(cert.supersededOn),
  };
}

/** True when the certificate is in force on `asOf` (the domain form of {@link inForceSql}). */
export function inForceOn(cert: Certificate, asOf: IsoDate): boolean {
  return certificateInForce(certificateDates(cert), asOf);
}

/** Status of a certificate on a day, by the domain (notice window of the rule set it was issued under). */
export function statusOn(cert: Certificate, asOf: IsoDate): CertificateStatus {
  return certificateStatus(certificateDates(cert), asOf, {
    noticeDays: ruleSetInForce(day(cert.issuedOn)).expiryNoticeDays,
  });
}

/**
 * The certificate shown for `asOf`: the latest issued on or before it, in (issue day, record)
 * order, the order supersession follows; null when none was issued yet. When any certificate is in
 * force on `asOf`, it is this one.
 */
export function certificateOn(certs: readonly Certificate[], asOf: IsoDate): Certificate | null {
  let best: Certificate | null = null;
  for (const c of certs) {
    const issued = day(c.issuedOn);
    if (issued > asOf) continue;
    const bestDay = best ? day(best.issuedOn) : null;
    if (!best || issued > bestDay! || (issued === bestDay && c.id > best.id)) best = c;
  }
  return best;
}

/** Last day of validity of a certificate issued on `issued`, under the rule set in force then. */
export function validUntilOf(issued: IsoDate | FactDate): IsoDate {
  const date = typeof issued === 'string' ? issued : issued.date;
  return certificateValidUntil(issued, ruleSetInForce(date));
}

/** A product's certificates, oldest record first. */
async function certificatesOf(
  tx: EntityManager,
  productIds: readonly number[],
): Promise<Map<number, Certificate[]>> {
  const byProduct = new Map<number, Certificate[]>(productIds.map((id) => [id, []]));
  if (!productIds.length) return byProduct;
  const rows = await tx.find(
    Certificate,
    { product: { $in: [...productIds] } },
    { orderBy: { id: 'asc' } },
  );
  for (const c of rows) byProduct.get(c.product.id)?.push(c);
  return byProduct;
}

/** The days of a stored certificate that supersession reads and writes. */
export interface StoredCertificateDays {
  id: number;
  issuedOn: IsoDate;
  revokedOn: IsoDate | null;
  supersededOn: IsoDate | null;
}

/**
 * Supersession days by the domain (supersessionDays) over a product's stored certificates in
 * record order followed by certificates to issue: the days of the new ones, the stored ones whose
 * day changes, and which of those were open (now superseded). Pure, so the importer plans with it
 * too.
 */
export function planSupersessions(
  stored: readonly StoredCertificateDays[],
  fresh: readonly (IsoDate | FactDate)[] = [],
): { freshDays: (IsoDate | null)[]; changed: Map<number, IsoDate | null>; closed: number[] } {
  const days = supersessionDays([
    ...stored.map((c) => ({ issuedOn: c.issuedOn, revokedOn: c.revokedOn })),
    ...fresh.map((issuedOn) => ({ issuedOn })),
  ]);
  const changed = new Map<number, IsoDate | null>();
  const closed: number[] = [];
  stored.forEach((c, i) => {
    const next = days[i] ?? null;
    if (c.supersededOn === next) return;
    changed.set(c.id, next);
    if (c.supersededOn === null) closed.push(c.id);
  });
  return { freshDays: days.slice(stored.length), changed, closed };
}

/** {@link planSupersessions} applied to loaded certificates (updated in place). */
function settle(
  stored: readonly Certificate[],
  fresh: readonly FactDate[] = [],
): { freshDays: (IsoDate | null)[]; closed: number[] } {
  const { freshDays, changed, closed } = planSupersessions(
    stored.map((c) => ({
      id: c.id,
      issuedOn: day(c.issuedOn),
      revokedOn: dayOrNull(c.revokedOn),
      supersededOn: dayOrNull(c.supersededOn),
    })),
    fresh,
  );
  for (const c of stored) if (changed.has(c.id)) c.supersededOn = changed.get(c.id)!;
  return { freshDays, closed };
}

/**
 * Serialises certificate writes per product: on PostgreSQL the product rows are locked (SELECT …
 * FOR UPDATE, in id order so two writers never deadlock) until the transaction ends, so a second
 * decision for the product waits and then reads the first one's certificates instead of racing
 * it. SQLite runs one write transaction at a time already. Call before reading certificates.
 */
export async function lockProductsForCertificates(
  tx: EntityManager,
  productIds: readonly number[],
): Promise<void> {
  if (!productIds.length || !(tx.getPlatform() instanceof PostgreSqlPlatform)) return;
  await tx.find(
    Product,
    { id: { $in: [...new Set(productIds)] } },
    { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' }, fields: ['id'] },
  );
}

/** One certificate to issue: a recognising decision item of one product. */
export interface CertificateToIssue {
  product: Product;
  decisionItem: DecisionItem;
  stars: number | null;
  issued: FactDate;
}

export interface IssueResult {
  issued: Certificate[];
  /** Existing certificates the new ones superseded (they were open). */
  superseded: number[];
}

/**
 * Issues certificates (valid 36 months under the rule set in force on the decision day) and
 * supersedes what they replace: each new certificate is appended to its product's history and
 * every supersession day is recomputed by the domain (a later or same-day record replaces the one
 * in force; a backdated one is superseded by the next). Existing certificates are closed and
 * flushed BEFORE the new ones are inserted, so the unique index "one open certificate per product"
 * never sees two at once.
 */
export async function issueCertificates(
  tx: EntityManager,
  toIssue: readonly CertificateToIssue[],
): Promise<IssueResult> {
  const byProduct = await certificatesOf(
    tx,
    toIssue.map((i) => i.product.id),
  );
  const superseded: number[] = [];
  const planned: { input: CertificateToIssue; supersededOn: IsoDate | null }[] = [];
  for (const [productId, existing] of byProduct) {
    const fresh = toIssue.filter((i) => i.product.id === productId);
    const { freshDays, closed } = settle(
      existing,
      fresh.map((i) => i.issued),
    );
    superseded.push(...closed);
    fresh.forEach((input, i) => planned.push({ input, supersededOn: freshDays[i] ?? null }));
  }
  await tx.flush();
  const issued = planned.map(({ input, supersededOn }) =>
    tx.create(Certificate, {
      product: input.product,
      decisionItem: input.decisionItem,
      stars: input.stars,
      issuedOn: input.issued.date,
      issuedPrecision: input.issued.precision,
      validUntil: validUntilOf(input.issued),
      revokedOn: null,
      supersededOn,
    }),
  );
  return { issued, superseded };
}

/** The certificates of these products in force on `on` (the domain's rule), per product. */
export async function certificatesInForce(
  tx: EntityManager,
  productIds: readonly number[],
  on: IsoDate,
): Promise<Map<number, Certificate[]>> {
  const byProduct = await certificatesOf(tx, productIds);
  for (const [id, certs] of byProduct)
    byProduct.set(
      id,
      certs.filter((c) => inForceOn(c, on)),
    );
  return byProduct;
}

/**
 * Revokes the certificates of these products in force on `on` and re-settles their supersession
 * days (a certificate revoked before the next issue ends by revocation). Returns the revoked ids.
 */
export async function revokeCertificates(
  tx: EntityManager,
  productIds: readonly number[],
  on: IsoDate,
): Promise<number[]> {
  const revoked: number[] = [];
  for (const certs of (await certificatesOf(tx, productIds)).values()) {
    for (const c of certs) {
      if (!inForceOn(c, on)) continue;
      c.revokedOn = on;
      revoked.push(c.id);
    }
    settle(certs);
  }
  return revoked;
}

/** Ids of the products holding a certificate of one of these star classes in force on `asOf`. */
export async function productIdsWithStarsInForce(
  em: EntityManager,
  stars: readonly number[],
  asOf: IsoDate,
): Promise<number[]> {
  const [inForce, params] = inForceSql('c', asOf);
  const knex = sqlEm(em).getKnex();
  const rows = (await knex
    .from('certificate as c')
    .distinct('c.product_id')
    .whereIn('c.stars', [...stars])
    .whereRaw(inForce, params)
    // An unfinished import's certificates stay out (db/import-fence.ts).
    .whereRaw(visibleSql(knex, 'c.id', 'certificate'))) as { product_id: unknown }[];
  return rows.map((r) => Number(r.product_id));
}

/**
 * Ids of the products whose certificate shown for `asOf` ({@link certificateOn}: the latest issued
 * on or before it) has `status` by the domain. SQL selects only the shown certificates, narrowed to
 * those in force or not as the status implies; the domain then decides the status of each.
 */
export async function productIdsByCertificateStatus(
  em: EntityManager,
  status: CertificateStatus,
  asOf: IsoDate,
): Promise<number[]> {
  const [inForce, params] = inForceSql('c', asOf);
  const knex = sqlEm(em).getKnex();
  const rows = await knex
    .from('certificate as c')
    .select('c.*')
    .where('c.issued_on', '<=', asOf)
    // An unfinished import's certificates stay out, here and as later ones (db/import-fence.ts).
    .whereRaw(visibleSql(knex, 'c.id', 'certificate'))
    // The shown one: no later certificate of the product issued on or before asOf.
    .whereNotExists((later) =>
      later
        .from('certificate as l')
        .whereRaw('l.product_id = c.product_id')
        .andWhere('l.issued_on', '<=', asOf)
        .andWhereRaw('(l.issued_on > c.issued_on or (l.issued_on = c.issued_on and l.id > c.id))')
        .andWhereRaw(visibleSql(knex, 'l.id', 'certificate')),
    )
    .whereRaw(isInForceStatus(status) ? inForce : `not ${inForce}`, params);
  const certs = rows.map((row) => em.map(Certificate, row));
  return certs.filter((c) => statusOn(c, asOf) === status).map((c) => c.product.id);
}
