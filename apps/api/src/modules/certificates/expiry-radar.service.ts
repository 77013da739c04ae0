// The expiry radar: certificates in force on asOf that expire within N days, with the 148/QĐ-TTg
// re-evaluation window (notice at least 30 days before expiry), counted per district-level unit
// and issuing level in SQL; the list is what an officer sends expiry notices from.
import { raw, type EntityManager } from '@mikro-orm/core';
import { addDays, reevaluationWindow, type ReevaluationWindow } from '@ocop/domain';
import { visibleSql, type FencedTable } from '../../db/import-fence.js';
import { sqlEm } from '../shared/sql-em.js';
import { Certificate } from './certificate.entity.js';
import { inForceSql } from './certificate.service.js';
import { requireUnitCode } from '../shared/known-codes.js';

export interface ExpiringCertificate extends ReevaluationWindow {
  certificateId: number;
  productId: number;
  productName: string;
  unitCode: string | null;
  stars: number | null;
  issuingLevel: string;
  issuedOn: string;
  validUntil: string;
}

export interface ExpiryRadar {
  asOf: string;
  days: number;
  count: number;
  byUnit: { key: string | null; count: number }[];
  byLevel: { key: string | null; count: number }[];
  certificates: ExpiringCertificate[];
}

const day = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);

export async function expiryRadar(
  em: EntityManager,
  asOf: string,
  days: number,
  unitCode: string | null,
): Promise<ExpiryRadar> {
  await requireUnitCode(em, unitCode, 'unitCode');
  const until = addDays(asOf, days);
  // SQLite: an unfinished import's rows stay out (db/import-fence.ts; the QueryBuilder applies no
  // ORM filter); `true` on PostgreSQL.
  const visible = (column: string, table: FencedTable) =>
    visibleSql(sqlEm(em).getKnex(), column, table);
  const base = () => {
    const qb = sqlEm(em)
      .createQueryBuilder(Certificate, 'r')
      .join('r.product', 'p')
      .leftJoin('p.unit', 'u')
      .join('r.decisionItem', 'di')
      .join('di.decision', 'd')
      .where(...inForceSql('r', asOf))
      .andWhere({ validUntil: { $lte: until } })
      .andWhere(visible('r.id', 'certificate'))
      .andWhere(visible('p.id', 'product'))
      .andWhere(visible('di.id', 'decision_item'))
      .andWhere(visible('d.id', 'decision'));
    if (unitCode) qb.andWhere({ 'u.code': unitCode });
    return qb;
  };
  const grouped = async (column: string) =>
    (
      (await base()
        .select([raw(`${column} as group_key`), raw('count(*) as count')])
        .groupBy(raw(column))
        .execute('all', false)) as { group_key: unknown; count: unknown }[]
    )
      .map((r) => ({
        key: r.group_key === null ? null : String(r.group_key),
        count: Number(r.count),
      }))
      .sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));
  const rows = (await base()
    .select([
      raw('r.id as id'),
      raw('p.id as product_id'),
      raw('p.name as product_name'),
      raw('u.code as unit_code'),
      raw('r.stars as stars'),
      raw('d.issuing_level as issuing_level'),
      raw('r.issued_on as issued_on'),
      raw('r.valid_until as valid_until'),
    ])
    .orderBy({ validUntil: 'asc', id: 'asc' })
    .execute('all', false)) as Record<string, unknown>[];
  const certificates = rows.map((r) => ({
    certificateId: Number(r.id),
    productId: Number(r.product_id),
    productName: String(r.product_name),
    unitCode: r.unit_code == null ? null : String(r.unit_code),
    stars: r.stars == null ? null : Number(r.stars),
    issuingLevel: String(r.issuing_level),
    issuedOn: day(r.issued_on),
    validUntil: day(r.valid_until),
    ...reevaluationWindow(day(r.valid_until), asOf),
  }));
  return {
    asOf,
    days,
    count: certificates.length,
    byUnit: await grouped('u.code'),
    byLevel: await grouped('d.issuing_level'),
    certificates,
  };
}
