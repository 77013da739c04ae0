// The one write path for mutations: a transaction, the version check, and exactly one audit
// record in the same transaction. A stale version (read-time check or the versioned UPDATE losing
// a race) becomes VERSION_CONFLICT with the record's current values; nothing is written.
import {
  OptimisticLockError,
  UniqueConstraintViolationException,
  type EntityManager,
} from '@mikro-orm/core';
import type { GraphQLContext } from '../../graphql/context.js';
import { validationFailed, versionConflict } from '../../graphql/errors.js';
import { bumpDataVersion } from '../data-version/data-version.service.js';
import { AuditRecord } from './audit-record.entity.js';

export interface AuditFacts {
  recordId: string | number | null;
  before?: unknown;
  after?: unknown;
}

export interface WriteMeta {
  /** e.g. "recordEvaluation"; failed sign-ins use "signIn.failed". */
  action: string;
  recordType: string;
  /** Current values of the edited record, read after a lost race (for extensions.current). */
  current?: (em: EntityManager) => Promise<unknown>;
  /** Field named when a concurrent duplicate hits a unique constraint (e.g. a decision number). */
  uniqueField?: string;
  /** Acting user when the context has none yet (signIn). */
  actor?: { id: number | null; email: string } | null;
}

export interface WriteOutcome<T> {
  result: T;
  /** Evaluated after the flush, so new records have their ids. */
  audit: () => AuditFacts;
}

const toJson = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

/** Appends one audit record to the unit of work of `em` (the caller's transaction). */
export function appendAudit(
  em: EntityManager,
  ctx: GraphQLContext,
  meta: Pick<WriteMeta, 'action' | 'recordType' | 'actor'>,
  facts: AuditFacts,
): AuditRecord {
  const actor = meta.actor !== undefined ? meta.actor : ctx.viewer.user;
  return em.create(AuditRecord, {
    at: new Date(),
    actorId: actor?.id ?? null,
    actorEmail: actor?.email ?? null,
    action: meta.action,
    recordType: meta.recordType,
    recordId: facts.recordId === null ? null : String(facts.recordId),
    before: toJson(facts.before),
    after: toJson(facts.after),
    requestId: ctx.requestId.slice(0, 64),
  });
}

/**
 * Runs `fn` in one transaction and appends its audit record there. The data version is raised in
 * the same transaction, last (the row lock is held only until commit), so cached figures computed
 * before this write are never served after it, by any process.
 */
export async function runWrite<T>(
  ctx: GraphQLContext,
  meta: WriteMeta,
  fn: (tx: EntityManager) => Promise<WriteOutcome<T>>,
): Promise<T> {
  try {
    return await ctx.em.transactional(async (tx) => {
      const outcome = await fn(tx);
      await tx.flush();
      appendAudit(tx, ctx, meta, outcome.audit());
      await tx.flush();
      await bumpDataVersion(tx);
      return outcome.result;
    });
  } catch (error) {
    if (error instanceof OptimisticLockError) {
      const current = meta.current ? await meta.current(ctx.em.fork()) : null;
      throw versionConflict(meta.recordType, current);
    }
    if (error instanceof UniqueConstraintViolationException && meta.uniqueField) {
      throw validationFailed(meta.uniqueField, {
        en: `This ${meta.uniqueField} is already recorded.`,
        vi: `Giá trị ${meta.uniqueField} này đã được ghi nhận.`,
      });
    }
    throw error;
  }
}

/** Refuses a write made from a stale read: the client's `version` must be the record's. */
export function expectVersion(
  recordType: string,
  record: { version: number },
  version: number,
  snapshot: () => unknown,
): void {
  if (record.version !== version) throw versionConflict(recordType, snapshot());
}
