// AuditRecord and Query.auditLog: ADMIN reads everything; SECRETARIAT its own area (evaluations,
// decisions, imports, entities, products). There is no mutation that edits or deletes it.
import { builder } from '../../graphql/builder.js';
import { connectionComplexity, offsetConnection } from '../../graphql/pagination.js';
import { toId } from '../shared/input-checks.js';
import { User } from '../users/user.graphql.js';
import type { AuditRecord as AuditRecordEntity } from './audit-record.entity.js';
import { findAuditRecords, SECRETARIAT_AUDIT_AREA } from './audit.repository.js';

const AuditRecord = builder.objectRef<AuditRecordEntity>('AuditRecord');
AuditRecord.implement({
  description:
    'One write (or failed sign-in): who, when, what, and the record before/after as JSON text.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id.' }),
    at: t.field({ type: 'DateTime', description: 'When.', resolve: (a) => a.at }),
    actor: t.field({
      type: User,
      nullable: true,
      description: 'The acting user, when known and still present.',
      resolve: (a, _args, ctx) => (a.actorId ? ctx.loaders.user.load(a.actorId) : null),
    }),
    actorEmail: t.string({
      nullable: true,
      description: 'Email of the actor (for failed sign-ins: the email tried).',
      resolve: (a) => a.actorEmail ?? null,
    }),
    action: t.exposeString('action', {
      description: 'Mutation name, e.g. recordEvaluation; signIn.failed for failed sign-ins.',
    }),
    recordType: t.exposeString('recordType', {
      description:
        'Entity, Product, Evaluation, Decision, Activity, Task, User, Session, ImportRun.',
    }),
    recordId: t.string({
      nullable: true,
      description: 'Id of the record written.',
      resolve: (a) => a.recordId ?? null,
    }),
    before: t.string({
      nullable: true,
      description: 'The record before the write (JSON), for edits.',
      resolve: (a) => a.before ?? null,
    }),
    after: t.string({
      nullable: true,
      description: 'The record after the write (JSON).',
      resolve: (a) => a.after ?? null,
    }),
    requestId: t.exposeString('requestId', {
      description:
        'The server’s request id of the write (its x-request-id response header), to find it in the logs.',
    }),
    clientRequestId: t.string({
      nullable: true,
      description:
        'The x-request-id the client sent with the write, when well-formed (1–64 letters, digits, . _ : -); informative only.',
      resolve: (a) => a.clientRequestId ?? null,
    }),
  }),
});

const inArea = (recordType: string | null | undefined) =>
  recordType == null || (SECRETARIAT_AUDIT_AREA as readonly string[]).includes(recordType);

builder.queryFields((t) => ({
  auditLog: t.connection(
    {
      type: AuditRecord,
      description:
        'The audit log. ADMIN: all records; SECRETARIAT: Evaluation, Decision, ImportRun, Entity and Product records only.',
      complexity: connectionComplexity('audit_log'),
      args: {
        recordType: t.arg.string({ description: 'Only this record type.' }),
        actorId: t.arg.id({ description: 'Only this actor.' }),
        from: t.arg({ type: 'Date', description: 'From this day (Vietnam time), inclusive.' }),
        to: t.arg({ type: 'Date', description: 'To this day (Vietnam time), inclusive.' }),
      },
      authScopes: (_root, args) => ({
        $any: { admin: true, ...(inArea(args.recordType) ? { secretariat: true } : {}) },
      }),
      resolve: (_root, args, ctx) => {
        const area = ctx.viewer.user?.role === 'admin' ? null : SECRETARIAT_AUDIT_AREA;
        const filter = {
          recordTypes: args.recordType ? [args.recordType] : area,
          actorId: args.actorId ? toId('actorId', args.actorId) : null,
          from: args.from ?? null,
          to: args.to ?? null,
        };
        return offsetConnection(args, (page) => findAuditRecords(ctx.em, filter, page));
      },
    },
    { name: 'AuditRecordConnection', description: 'A page of audit records, newest first.' },
    { name: 'AuditRecordEdge' },
  ),
}));
