// Audit log reads: filters, newest first. Writes only happen through run-write.ts appendAudit.
import type { EntityManager } from '@mikro-orm/core';
import { AuditRecord } from './audit-record.entity.js';

/** Record types the SECRETARIAT may read in the audit log (its own area of work). */
export const SECRETARIAT_AUDIT_AREA = [
  'Evaluation',
  'Decision',
  'ImportRun',
  'Entity',
  'Product',
] as const;

export interface AuditFilter {
  recordTypes: readonly string[] | null;
  actorId: number | null;
  from: string | null;
  to: string | null;
}

export async function findAuditRecords(
  em: EntityManager,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<[AuditRecord[], number]> {
  const where: Record<string, unknown> = {};
  if (filter.recordTypes) where.recordType = { $in: [...filter.recordTypes] };
  if (filter.actorId !== null) where.actorId = filter.actorId;
  const at: Record<string, Date> = {};
  if (filter.from) at.$gte = new Date(`${filter.from}T00:00:00+07:00`);
  if (filter.to) at.$lt = new Date(new Date(`${filter.to}T00:00:00+07:00`).getTime() + 86_400_000);
  if (Object.keys(at).length) where.at = at;
  return em.findAndCount(AuditRecord, where, {
    orderBy: { at: 'desc', id: 'desc' },
    limit: page.limit,
    offset: page.offset,
  });
}
