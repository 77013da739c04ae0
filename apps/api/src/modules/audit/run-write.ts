// The one write path for mutations: a transaction, the version check, and exactly one audit
// record in the same transaction. A stale version (read-time check or the versioned UPDATE losing
// a race) becomes VERSION_CONFLICT with the record's current values; nothing is written.
// Create mutations (`retryRaces`) are re-run when a parallel write won a race on a unique index
// or a version: the re-run sees the winner, returns it when it is the same fact and refuses it
// with DUPLICATE otherwise (issue 11 point 2). An optional idempotency key is stored with the
// record: the same key and input give the same record again; another input is refused.
import { createHash } from 'node:crypto';
import {
  OptimisticLockError,
  UniqueConstraintViolationException,
  type EntityManager,
} from '@mikro-orm/core';
import type { GraphQLContext } from '../../graphql/context.js';
import { duplicate, notFound, validationFailed, versionConflict } from '../../graphql/errors.js';
import { bumpDataVersion } from '../data-version/data-version.service.js';
import { AuditRecord } from './audit-record.entity.js';
import { IdempotencyKey } from './idempotency-key.entity.js';

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
  /**
   * Re-run the write (up to RACE_ATTEMPTS times in all) when it lost a race to a parallel write
   * (unique violation or version change of a record the client did not read); `fn` must look for
   * the existing record and return it (`written: false`) or throw DUPLICATE.
   */
  retryRaces?: boolean;
  /** Optional client key: the same key and input return the first result without writing. */
  idempotency?: {
    key: string | null | undefined;
    input: unknown;
    /** Reads the record a stored key names (null when it no longer exists). */
    load: (em: EntityManager, recordId: string) => Promise<unknown>;
  };
}

export interface WriteOutcome<T> {
  result: T;
  /** Evaluated after the flush, so new records have their ids. */
  audit: () => AuditFacts;
  /** False when `result` is an existing record returned as the same fact: no audit record. */
  written?: boolean;
}

/** Description of the `idempotencyKey` argument of the create mutations. */
export const IDEMPOTENCY_KEY_DESCRIPTION =
  'Optional key (1–200 characters) chosen by the client for this write: sending it again with the same input returns the first result without writing again; with another input it is refused (VALIDATION_FAILED on idempotencyKey). Scoped to the signed-in user and the mutation.';

/** Attempts of a `retryRaces` write before a lost race becomes DUPLICATE. */
export const RACE_ATTEMPTS = 5;

/** JSON with sorted keys and without null/undefined members, so equal inputs hash equally. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== null && v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}

const hashOf = (input: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');

/** A key of 1–200 printable characters, or VALIDATION_FAILED naming `idempotencyKey`. */
function checkKey(key: string): string {
  const printable = [...key].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f);
  if (!key.length || key.length > 200 || !printable) {
    throw validationFailed('idempotencyKey', {
      en: 'idempotencyKey must be 1–200 printable characters.',
      vi: 'Khóa idempotencyKey phải có từ 1 đến 200 ký tự in được.',
    });
  }
  return key;
}

const toJson = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

/** What an audit record takes from the request (a GraphQL context, or its copy in a worker). */
export interface AuditContext {
  viewer: { user: { id: number; email: string } | null };
  requestId: string;
  clientRequestId: string | null;
}

/** Appends one audit record to the unit of work of `em` (the caller's transaction). */
export function appendAudit(
  em: EntityManager,
  ctx: AuditContext,
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
    clientRequestId: ctx.clientRequestId,
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
  const key = meta.idempotency?.key == null ? null : checkKey(meta.idempotency.key);
  const actor = meta.actor !== undefined ? meta.actor : ctx.viewer.user;
  const scope = { actorId: actor?.id ?? 0, action: meta.action };
  // Other writes (edits, createUser…) get one re-run after a unique violation: on PostgreSQL two
  // parallel renames to one name both pass their check and the loser hits the index; re-run, its
  // check sees the winner and gives the answer a later call would (DUPLICATE / VALIDATION_FAILED),
  // not an internal error (black-box audit of issue 11 point 2). A version change still is not
  // retried: it is VERSION_CONFLICT below.
  const attempts = meta.retryRaces || key !== null ? RACE_ATTEMPTS : 2;
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.em.transactional(async (tx) => {
        const requestHash = key === null ? '' : hashOf(meta.idempotency!.input);
        if (key !== null) {
          const stored = await tx.findOne(IdempotencyKey, { ...scope, key });
          if (stored) return replay<T>(tx, meta, stored, requestHash);
        }
        const outcome = await fn(tx);
        await tx.flush();
        const facts = outcome.audit();
        if (outcome.written !== false) appendAudit(tx, ctx, meta, facts);
        if (key !== null)
          tx.create(IdempotencyKey, {
            ...scope,
            key,
            requestHash,
            recordId: String(facts.recordId),
            createdAt: new Date(),
          });
        await tx.flush();
        if (outcome.written !== false) await bumpDataVersion(tx);
        return outcome.result;
      });
    } catch (error) {
      const lostRace =
        error instanceof UniqueConstraintViolationException ||
        (error instanceof OptimisticLockError && meta.retryRaces);
      if (lostRace && attempt < attempts) {
        // The failed attempt may have changed records the request had already loaded (an edit
        // assigns its new name to the entity its authorisation read): rolled back in the
        // database, not in memory. Forget them, or the re-run flushes the same change again.
        ctx.em.clear();
        continue;
      }
      if (error instanceof OptimisticLockError && !meta.retryRaces) {
        const current = meta.current ? await meta.current(ctx.em.fork()) : null;
        throw versionConflict(meta.recordType, current);
      }
      if (lostRace && meta.retryRaces) {
        throw duplicate(meta.recordType, meta.uniqueField ?? 'input', {
          en: `A parallel write of the same ${meta.recordType} kept changing; nothing was saved, try again.`,
          vi: `Dữ liệu này đang được ghi đồng thời và liên tục thay đổi; chưa lưu gì, vui lòng thử lại.`,
        });
      }
      if (error instanceof UniqueConstraintViolationException && meta.uniqueField) {
        throw validationFailed(meta.uniqueField, {
          en: `This ${meta.uniqueField} is already recorded.`,
          vi: `Giá trị ${meta.uniqueField} này đã được ghi nhận.`,
        });
      }
      if (error instanceof UniqueConstraintViolationException) {
        throw duplicate(meta.recordType, 'input', {
          en: `A ${meta.recordType} with the same key was written at the same time; nothing was saved.`,
          vi: `Một bản ghi trùng khóa vừa được ghi đồng thời; chưa lưu gì.`,
        });
      }
      throw error;
    }
  }
}

/** The record a stored idempotency key names, when the input is the one stored with it. */
async function replay<T>(
  tx: EntityManager,
  meta: WriteMeta,
  stored: IdempotencyKey,
  requestHash: string,
): Promise<T> {
  if (stored.requestHash !== requestHash) {
    throw validationFailed('idempotencyKey', {
      en: `This idempotencyKey was used for ${meta.action} with another input; use a new key for a new write.`,
      vi: `Khóa idempotencyKey này đã dùng cho ${meta.action} với dữ liệu khác; hãy dùng khóa mới cho lần ghi mới.`,
    });
  }
  const record = await meta.idempotency!.load(tx, stored.recordId);
  if (!record) {
    throw duplicate(
      meta.recordType,
      'idempotencyKey',
      {
        en: `The ${meta.recordType} this idempotencyKey created (id ${stored.recordId}) no longer exists.`,
        vi: `Bản ghi mà khóa idempotencyKey này đã tạo (mã ${stored.recordId}) không còn nữa.`,
      },
      stored.recordId,
    );
  }
  return record as T;
}

/**
 * The record an update edits, as the client read it: NOT_FOUND when it is gone, VERSION_CONFLICT
 * (with its current values, `current`) when it changed since the client's `version`.
 */
export async function recordAtVersion<T extends { version: number }>(
  recordType: string,
  load: () => Promise<T | null>,
  id: number,
  version: number,
  current: (record: T) => unknown,
): Promise<T> {
  const record = await load();
  if (!record) throw notFound(recordType, id);
  if (record.version !== version) throw versionConflict(recordType, current(record));
  return record;
}
