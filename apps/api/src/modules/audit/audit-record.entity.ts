import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Append-only audit log: one row per successful write (and per failed sign-in). No mutation
 * updates or deletes it. The actor is kept as id + email (not a foreign key) so the record
 * survives whatever happens to the user row. before/after are JSON text.
 */
export const AuditRecord = defineEntity({
  name: 'AuditRecord',
  tableName: 'audit_log',
  indexes: [{ properties: ['recordType', 'at'] }],
  properties: {
    id: p.integer().primary(),
    at: p.datetime().index(),
    actorId: p.integer().nullable().index(),
    actorEmail: p.string().length(254).nullable(),
    action: p.string().length(64).index(),
    recordType: p.string().length(32),
    recordId: p.string().length(64).nullable(),
    before: p.text().nullable(),
    after: p.text().nullable(),
    /** The server's request id (the x-request-id response header, the log's reqId). */
    requestId: p.string().length(64),
    /** The client's own x-request-id, when well-formed (1–64 of A–Z a–z 0–9 . _ : -); never trusted as the id. */
    clientRequestId: p.string().length(64).nullable(),
  },
});
export type AuditRecord = InferEntity<typeof AuditRecord>;
