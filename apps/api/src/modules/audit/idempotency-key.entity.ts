import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A client's idempotency key for a create mutation (runWrite): the same key with the same input
 * gives the record the first call created; with another input it is refused. Scoped per actor and
 * mutation, written in the same transaction as the record it names.
 */
export const IdempotencyKey = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'idempotency_key',
  uniques: [{ properties: ['actorId', 'action', 'key'] }],
  properties: {
    id: p.integer().primary(),
    /** The acting user's id (0 for none). */
    actorId: p.integer(),
    action: p.string().length(64),
    key: p.string().length(200),
    /** sha256 of the mutation's input in canonical JSON. */
    requestHash: p.string().length(64),
    recordId: p.string().length(64),
    createdAt: p.datetime().index(),
  },
});
export type IdempotencyKey = InferEntity<typeof IdempotencyKey>;
