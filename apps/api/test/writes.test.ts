// Successful writes: what they store, the one audit record each appends, optimistic concurrency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminUnit } from '../src/modules/admin-units/admin-unit.entity.js';
import { AuditRecord } from '../src/modules/audit/audit-record.entity.js';
import { Product } from '../src/modules/products/product.entity.js';
import { createTestApi, type TestApi } from './api.js';
import { createActors, errorOf, signInAll, type ActorName, type Client } from './auth-helpers.js';
import { DIALECTS } from './db.js';

const RECORD_EVALUATION =
  'mutation($i: EvaluationInput!) { recordEvaluation(input: $i) { id ruleSet total stars potentialFiveStar outcome parts { part score max } } }';
const RECORD_DECISION =
  'mutation($i: DecisionInput!) { recordDecision(input: $i) { id number issuingLevel items { stars action product { id currentStars certificate { stars status validUntil } starHistory { change stars } } } } }';
const REGISTER_ENTITY =
  'mutation($i: EntityInput!) { registerEntity(input: $i) { id name version ownerName unit { code } } }';
const UPDATE_ENTITY =
  'mutation($id: ID!, $v: Int!, $i: EntityInput!) { updateEntity(id: $id, version: $v, input: $i) { id name version } }';

describe.each(DIALECTS)('writes on %s', (kind) => {
  let api: TestApi;
  let as: Record<ActorName, Client>;
  let productId: number;
  beforeAll(async () => {
    api = await createTestApi(kind);
    await createActors(api.orm);
    as = await signInAll(api);
    const em = api.orm.em.fork();
    const unit = await em.findOneOrFail(AdminUnit, { code: 'chau-phu' });
    productId = (await em.findOneOrFail(Product, { unit: unit.id }, { orderBy: { id: 'asc' } })).id;
  });
  afterAll(() => api?.close());

  const lastAudit = async () =>
    (await api.orm.em.fork().find(AuditRecord, {}, { orderBy: { id: 'desc' }, limit: 1 }))[0]!;
  const auditCount = () => api.orm.em.fork().count(AuditRecord, {});

  it('records an evaluation with stars computed under the rule set in force (148 on 2024-05-10), one audit record', async () => {
    const before = await auditCount();
    const res = await as.secretariat.gql(RECORD_EVALUATION, {
      i: {
        productId,
        level: 'PROVINCE',
        date: '2024-05-10',
        parts: [
          { part: 'A', score: 30 },
          { part: 'B', score: 20 },
          { part: 'C', score: 28.5 },
        ],
        council: 'Hội đồng tỉnh',
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordEvaluation).toMatchObject({
      ruleSet: 'QD148',
      total: 78.5,
      stars: 4,
      potentialFiveStar: false,
      outcome: 'PASSED',
    });
    expect(res.data!.recordEvaluation.parts).toEqual([
      { part: 'A', score: 30, max: 40 },
      { part: 'B', score: 20, max: 25 },
      { part: 'C', score: 28.5, max: 35 },
    ]);
    expect(await auditCount()).toBe(before + 1);
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      action: 'recordEvaluation',
      recordType: 'Evaluation',
      recordId: res.data!.recordEvaluation.id,
      actorEmail: 'secretariat@ocop.test',
      before: null,
    });
    expect(JSON.parse(audit.after!)).toMatchObject({
      productId,
      stars: 4,
      ruleSet: 'QD148',
      total: 78.5,
    });
    expect(audit.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records a 4★ provincial decision after that evaluation: certificate until +36 months, history NEW/UPGRADE', async () => {
    const res = await as.secretariat.gql(RECORD_DECISION, {
      i: {
        number: '1234/QĐ-UBND',
        date: '2024-06-01',
        issuingLevel: 'PROVINCE',
        items: [{ productId: String(productId), stars: 4, action: 'RECOGNISE' }],
        sourceUrl: 'https://angiang.gov.vn/qd-1234',
      },
    });
    expect(res.errors).toBeUndefined();
    const item = res.data!.recordDecision.items[0];
    expect(item.product.currentStars).toBe(4);
    expect(item.product.certificate).toEqual({
      stars: 4,
      status: 'VALID',
      validUntil: '2027-06-01',
    });
    expect(item.product.starHistory.at(-1).stars).toBe(4);
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      action: 'recordDecision',
      recordType: 'Decision',
      recordId: res.data!.recordDecision.id,
    });
    const after = JSON.parse(audit.after!);
    expect(after.certificates.issued).toHaveLength(1);
    expect(after.items).toEqual([{ productId, stars: 4, action: 'recognise' }]);
  });

  it('revokes the certificate with a later decision; the certificate shows REVOKED', async () => {
    const res = await as.secretariat.gql(RECORD_DECISION, {
      i: {
        number: '77/QĐ-UBND',
        date: '2024-09-01',
        issuingLevel: 'PROVINCE',
        items: [{ productId: String(productId), stars: 4, action: 'REVOKE' }],
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordDecision.items[0].product.currentStars).toBeNull();
    expect(res.data!.recordDecision.items[0].product.certificate.status).toBe('REVOKED');
    expect(JSON.parse((await lastAudit()).after!).certificates.revoked).toHaveLength(1);
  });

  it('refuses a second evaluation of a product at the same level and date, naming the level in Vietnamese', async () => {
    const res = await as.secretariat.gql(RECORD_EVALUATION, {
      i: {
        productId,
        level: 'PROVINCE',
        date: '2024-05-10',
        parts: [
          { part: 'A', score: 30 },
          { part: 'B', score: 20 },
          { part: 'C', score: 28.5 },
        ],
      },
    });
    // Same scores without the council: another fact under the same natural key.
    expect(errorOf(res)).toMatchObject({ code: 'DUPLICATE', field: 'date' });
    expect(errorOf(res).messageVi).toMatch(
      /^Đã có kết quả đánh giá cấp tỉnh của sản phẩm này ngày 2024-05-10 \(mã \d+\) với giá trị khác\.$/,
    );
  });

  it('registers and edits an entity with before/after in the audit log; a stale version gets VERSION_CONFLICT with current values', async () => {
    const input = {
      name: 'Hộ kinh doanh Bà Ba',
      type: 'HOUSEHOLD_BUSINESS',
      unitCode: 'chau-phu',
      ownerName: 'Trần Thị Ba',
      ownerPhone: '0912 345 678',
    };
    const created = await as.chauPhuOfficer.gql(REGISTER_ENTITY, { i: input });
    expect(created.errors).toBeUndefined();
    const { id, version } = created.data!.registerEntity;
    expect(created.data!.registerEntity).toMatchObject({
      version: 1,
      ownerName: 'Trần Thị Ba',
      unit: { code: 'chau-phu' },
    });
    const edited = await as.secretariat.gql(UPDATE_ENTITY, {
      id,
      v: version,
      i: { ...input, name: 'Hộ kinh doanh Bà Ba Châu Phú' },
    });
    expect(edited.data!.updateEntity).toEqual({
      id,
      name: 'Hộ kinh doanh Bà Ba Châu Phú',
      version: 2,
    });
    const audit = await lastAudit();
    expect(JSON.parse(audit.before!)).toMatchObject({ name: 'Hộ kinh doanh Bà Ba', version: 1 });
    expect(JSON.parse(audit.after!)).toMatchObject({
      name: 'Hộ kinh doanh Bà Ba Châu Phú',
      version: 2,
    });
    const countBefore = await auditCount();
    const stale = await as.chauPhuOfficer.gql(UPDATE_ENTITY, {
      id,
      v: 1,
      i: { ...input, name: 'Lost update' },
    });
    expect(errorOf(stale)).toMatchObject({
      code: 'VERSION_CONFLICT',
      current: { name: 'Hộ kinh doanh Bà Ba Châu Phú', type: 'HOUSEHOLD_BUSINESS', version: 2 },
    });
    expect(errorOf(stale).messageVi).toMatch(/người khác sửa/);
    expect(await auditCount()).toBe(countBefore);
  });

  it('lets exactly one of two concurrent edits from the same version win', async () => {
    const input = { name: 'Tổ hợp tác Đua', type: 'COOPERATIVE_GROUP', unitCode: 'chau-phu' };
    const { id } = (await as.secretariat.gql(REGISTER_ENTITY, { i: input })).data!.registerEntity;
    for (let round = 0; round < 3; round++) {
      const { version } = (
        await as.secretariat.gql(
          `{ entities(first: 100, filter: { unitCode: "chau-phu" }) { edges { node { id version } } } }`,
        )
      )
        .data!.entities.edges.map((e: { node: { id: string; version: number } }) => e.node)
        .find((n: { id: string }) => n.id === id) ?? { version: round + 1 };
      const countBefore = await auditCount();
      const results = await Promise.all([
        as.secretariat.gql(UPDATE_ENTITY, {
          id,
          v: version,
          i: { ...input, name: `Tổ hợp tác A${round}` },
        }),
        as.admin.gql(UPDATE_ENTITY, {
          id,
          v: version,
          i: { ...input, name: `Tổ hợp tác B${round}` },
        }),
      ]);
      const wins = results.filter((r) => r.data?.updateEntity);
      const conflicts = results.filter((r) => errorOf(r).code === 'VERSION_CONFLICT');
      expect(wins).toHaveLength(1);
      expect(conflicts).toHaveLength(1);
      expect(errorOf(conflicts[0]!).current).toMatchObject({
        version: version + 1,
        name: wins[0]!.data!.updateEntity.name,
      });
      expect(await auditCount()).toBe(countBefore + 1);
    }
  });
});
