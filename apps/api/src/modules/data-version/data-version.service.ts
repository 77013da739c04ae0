// Reads and raises the data version (data-version.entity.ts). Raising it is one UPDATE of the
// single row, run inside the writing transaction: it commits or rolls back with the write, and
// concurrent writers queue on that row lock only for the rest of their transaction (writes call it
// last, just before commit).
import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager, Knex } from '@mikro-orm/knex';

/** The version of the facts a cached figure was computed from, and the database it belongs to. */
export interface DataVersionStamp {
  epoch: string;
  version: number;
}

/** The knex of `em`'s open transaction, or of its connection outside one. */
function knexOf(em: EntityManager): Knex {
  return em.getTransactionContext<Knex.Transaction>() ?? (em as SqlEntityManager).getKnex();
}

/** The read of the single row (cache/version-reader.ts prepares the same text on PostgreSQL). */
export const DATA_VERSION_SQL = 'select version, epoch from data_version where id = 1';

/**
 * One cheap statement: the primary-key read of the single row (through the ORM's connection, so it
 * is logged and counted like every other statement); null when the row is missing.
 */
export async function readDataVersion(em: EntityManager): Promise<DataVersionStamp | null> {
  const row = await em
    .getConnection()
    .execute<{ version: unknown; epoch: unknown } | undefined>(
      DATA_VERSION_SQL,
      [],
      'get',
      em.getTransactionContext(),
    );
  // Without the row (deleted by hand) no write could be seen, so nothing may be cached.
  if (!row) return null;
  return { epoch: String(row.epoch), version: Number(row.version) };
}

export interface BumpOptions {
  /**
   * Also raise `segments_epoch` (same statement): every fact segment is stale
   * (modules/data-version/fact-segments.ts). For writes whose segment bumps the triggers skipped
   * (the PostgreSQL importer, SQLite's fenced copy) or that change what every segment's facts
   * refer to (seeds).
   */
  allSegments?: boolean;
}

/** Raises the version by one inside the caller's transaction (`knex` is that transaction). */
export async function bumpDataVersionWith(knex: Knex, options: BumpOptions = {}): Promise<void> {
  await knex('data_version')
    .where({ id: 1 })
    .update({
      version: knex.raw('version + 1'),
      ...(options.allSegments ? { segments_epoch: knex.raw('segments_epoch + 1') } : {}),
    });
}

/** Raises the version by one in `em`'s open transaction. */
export function bumpDataVersion(em: EntityManager, options: BumpOptions = {}): Promise<void> {
  return bumpDataVersionWith(knexOf(em), options);
}
