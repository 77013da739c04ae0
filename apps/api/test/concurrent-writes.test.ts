// No duplicates under concurrency (issue 11 point 2), on both dialects: 10 identical writes fired
// at once store one record and all answer with it; parallel decisions for one product leave one
// certificate in force; a natural key with other values is DUPLICATE; idempotency keys replay; the
// migration that adds the unique indexes settles duplicates an existing database already holds.
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresqlMigrations } from '../src/db/migrations/postgresql/index.js';
import { sqliteMigrations } from '../src/db/migrations/sqlite/index.js';
import { Activity } from '../src/modules/activities/activity.entity.js';
import { AuditRecord } from '../src/modules/audit/audit-record.entity.js';
import { Certificate } from '../src/modules/certificates/certificate.entity.js';
import { inForceSql } from '../src/modules/certificates/certificate.service.js';
import { Decision } from '../src/modules/decisions/decision.entity.js';
import { EconomicEntity } from '../src/modules/entities/economic-entity.entity.js';
import { Evaluation } from '../src/modules/evaluations/evaluation.entity.js';
import { IdempotencyKey } from '../src/modules/audit/idempotency-key.entity.js';
import { Product } from '../src/modules/products/product.entity.js';
import { User } from '../src/modules/users/user.entity.js';
import { createTestApi, type GqlResponse, type TestApi } from './api.js';
import { createActors, errorOf, signInAll, type ActorName, type Client } from './auth-helpers.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from './db.js';
import { loadFixtures, type Fixtures } from './write-fixtures.js';

const EVALUATE =
  'mutation($i: EvaluationInput!, $k: String) { recordEvaluation(input: $i, idempotencyKey: $k) { id total stars } }';
const REGISTER_ENTITY =
  'mutation($i: EntityInput!, $k: String) { registerEntity(input: $i, idempotencyKey: $k) { id name } }';
const REGISTER_PRODUCT =
  'mutation($i: ProductInput!, $k: String) { registerProduct(input: $i, idempotencyKey: $k) { id name } }';
const DECIDE =
  'mutation($i: DecisionInput!, $k: String) { recordDecision(input: $i, idempotencyKey: $k) { id items { withoutEvaluation product { id certificate(asOf: "2024-07-01") { stars status } } } } }';

const REGISTER_ENTITY_V = 'mutation($i: EntityInput!) { registerEntity(input: $i) { id version } }';
const UPDATE_ENTITY =
  'mutation($id: ID!, $i: EntityInput!, $v: Int!) { updateEntity(id: $id, input: $i, version: $v) { id name } }';
const REGISTER_PRODUCT_V =
  'mutation($i: ProductInput!) { registerProduct(input: $i) { id version } }';
const UPDATE_PRODUCT =
  'mutation($id: ID!, $i: ProductInput!, $v: Int!) { updateProduct(id: $id, input: $i, version: $v) { id name } }';
const RECORD_ACTIVITY =
  'mutation($i: ActivityInput!, $k: String) { recordActivity(input: $i, idempotencyKey: $k) { id } }';
const CREATE_USER = 'mutation($i: UserInput!) { createUser(input: $i) { id } }';

const PARALLEL = 10;

/** The id of an inserted row (`returning` gives objects on PostgreSQL and libSQL alike, or ids). */
const idOf = (row: unknown): number =>
  Number(typeof row === 'object' && row !== null ? (row as { id: unknown }).id : row);
const parts = (a: number, b: number, c: number) => [
  { part: 'A', score: a },
  { part: 'B', score: b },
  { part: 'C', score: c },
];

/** Fires the same call PARALLEL times at once. */
const fire = (client: Client, query: string, variables: Record<string, unknown>) =>
  Promise.all(Array.from({ length: PARALLEL }, () => client.gql(query, variables)));

/** Every response succeeded and names one and the same record; returns its id. */
function oneId(responses: GqlResponse[], field: string): string {
  for (const res of responses) expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const ids = new Set(responses.map((r) => r.data![field].id as string));
  expect([...ids]).toHaveLength(1);
  return [...ids][0]!;
}

describe.each(DIALECTS)('concurrent writes on %s', (kind) => {
  let api: TestApi;
  let as: Record<ActorName, Client>;
  let f: Fixtures;
  const em = () => api.orm.em.fork() as EntityManager;
  const audits = (action: string) => em().count(AuditRecord, { action });

  beforeAll(async () => {
    api = await createTestApi(kind);
    await createActors(api.orm);
    f = await loadFixtures(api.orm);
    as = await signInAll(api);
  });
  afterAll(() => api?.close());

  it('stores one evaluation for 10 identical recordEvaluation calls, all answering with it', async () => {
    const input = {
      productId: f.chauPhuProductIds[0],
      level: 'PROVINCE',
      date: '2024-05-10',
      parts: parts(30, 20, 28.5),
      council: 'Hội đồng tỉnh',
    };
    const id = oneId(await fire(as.secretariat, EVALUATE, { i: input }), 'recordEvaluation');
    expect(
      await em().count(Evaluation, {
        product: f.chauPhuProductIds[0],
        level: 'province',
        date: '2024-05-10',
      }),
    ).toBe(1);
    expect(await audits('recordEvaluation')).toBe(1);
    // Sequentially too: the same fact again returns the recorded one, without a second audit record.
    const again = await as.secretariat.gql(EVALUATE, { i: input });
    expect(again.data!.recordEvaluation).toEqual({ id, total: 78.5, stars: 4 });
    expect(await audits('recordEvaluation')).toBe(1);
  });

  it('refuses the same product, level and day with other scores as DUPLICATE naming the field', async () => {
    const res = await as.secretariat.gql(EVALUATE, {
      i: {
        productId: f.chauPhuProductIds[0],
        level: 'PROVINCE',
        date: '2024-05-10',
        parts: parts(30, 20, 20),
      },
    });
    expect(res.status).toBe(409);
    expect(errorOf(res)).toMatchObject({
      code: 'DUPLICATE',
      field: 'date',
      recordType: 'Evaluation',
      messageVi: expect.stringContaining(
        'Đã có kết quả đánh giá cấp tỉnh của sản phẩm này ngày 2024-05-10',
      ),
    });
    expect(String(errorOf(res).messageEn)).toMatch(/already recorded \(id \d+\) with other values/);
  });

  it('registers one entity for 10 identical registerEntity calls', async () => {
    const input = {
      name: 'Hợp tác xã Nông nghiệp Bình Mỹ',
      type: 'COOPERATIVE',
      unitCode: 'chau-phu',
      commune: 'Bình Mỹ',
    };
    oneId(await fire(as.secretariat, REGISTER_ENTITY, { i: input }), 'registerEntity');
    expect(
      await em().count(EconomicEntity, { normalizedName: 'hop tac xa nong nghiep binh my' }),
    ).toBe(1);
    expect(await audits('registerEntity')).toBe(1);
    // Another spelling of the same name in the same unit is the same key, with other values.
    const other = await as.secretariat.gql(REGISTER_ENTITY, {
      i: { ...input, name: 'HỢP TÁC XÃ NÔNG NGHIỆP BÌNH MỸ' },
    });
    expect(errorOf(other)).toMatchObject({ code: 'DUPLICATE', field: 'name' });
  });

  it('registers one product for 10 identical registerProduct calls', async () => {
    const input = {
      name: 'Gạo thơm Bình Mỹ',
      entityId: String(f.chauPhuEntityId),
      unitCode: 'chau-phu',
      group1048: 'food',
    };
    oneId(await fire(as.secretariat, REGISTER_PRODUCT, { i: input }), 'registerProduct');
    expect(await em().count(Product, { normalizedName: 'gao thom binh my' })).toBe(1);
    expect(await audits('registerProduct')).toBe(1);
  });

  it('records one decision and one certificate in force for 10 identical recordDecision calls', async () => {
    const productId = f.chauPhuProductIds[0]!;
    const input = {
      number: '1234/QĐ-UBND',
      date: '2024-06-01',
      issuingLevel: 'PROVINCE',
      items: [{ productId: String(productId), stars: 4, action: 'RECOGNISE' }],
    };
    const responses = await fire(as.secretariat, DECIDE, { i: input });
    oneId(responses, 'recordDecision');
    expect(responses[0]!.data!.recordDecision.items[0]).toEqual({
      withoutEvaluation: false,
      product: { id: String(productId), certificate: { stars: 4, status: 'VALID' } },
    });
    expect(await em().count(Decision, { number: '1234/QĐ-UBND' })).toBe(1);
    expect(await em().count(Certificate, { product: productId })).toBe(1);
    expect(await audits('recordDecision')).toBe(1);
  });

  it('keeps one certificate in force when 10 different decisions for one product race', async () => {
    const productId = f.chauPhuProductIds[1]!;
    const evaluation = await as.secretariat.gql(EVALUATE, {
      i: { productId, level: 'PROVINCE', date: '2024-05-10', parts: parts(30, 20, 28.5) },
    });
    expect(evaluation.errors).toBeUndefined();
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, n) =>
        as.secretariat.gql(DECIDE, {
          i: {
            number: `${700 + n}/QĐ-UBND`,
            date: '2024-06-01',
            issuingLevel: 'PROVINCE',
            items: [{ productId: String(productId), stars: 4, action: 'RECOGNISE' }],
          },
        }),
      ),
    );
    for (const res of responses) expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const certs = await em().find(Certificate, { product: productId }, { orderBy: { id: 'asc' } });
    expect(certs).toHaveLength(PARALLEL);
    expect(certs.filter((c) => !c.supersededOn && !c.revokedOn)).toHaveLength(1);
    // Same-day supersession: each but the last record is superseded on its own issue day.
    expect(certs.slice(0, -1).every((c) => c.supersededOn === '2024-06-01')).toBe(true);
    const [where, params] = inForceSql('c', '2024-07-01');
    const rows = await em()
      .getKnex()
      .raw(`select count(*) as n from certificate c where c.product_id = ? and ${where}`, [
        productId,
        ...params,
      ]);
    const list = (Array.isArray(rows) ? rows : rows.rows) as { n: unknown }[];
    expect(Number(list[0]!.n)).toBe(1);
  });

  it('replays an idempotency key: 10 parallel calls with one key store one record', async () => {
    const input = {
      name: 'Hộ kinh doanh Út Mười',
      type: 'HOUSEHOLD_BUSINESS',
      unitCode: 'chau-phu',
    };
    const id = oneId(
      await fire(as.secretariat, REGISTER_ENTITY, { i: input, k: 'form-7f3a-1' }),
      'registerEntity',
    );
    expect(await em().count(IdempotencyKey, { key: 'form-7f3a-1' })).toBe(1);
    expect(await em().count(EconomicEntity, { normalizedName: 'ho kinh doanh ut muoi' })).toBe(1);
    // The same key with another input is refused, naming the argument.
    const other = await as.secretariat.gql(REGISTER_ENTITY, {
      i: { ...input, name: 'Hộ kinh doanh Út Mười Một' },
      k: 'form-7f3a-1',
    });
    expect(errorOf(other)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'idempotencyKey' });
    expect(String(errorOf(other).messageVi)).toContain(
      'đã dùng cho registerEntity với dữ liệu khác',
    );
    // Keys are per user: another user's key of the same text is another key.
    const admin = await as.admin.gql(REGISTER_ENTITY, { i: input, k: 'form-7f3a-1' });
    expect(admin.data!.registerEntity.id).toBe(id);
    expect(await em().count(IdempotencyKey, { key: 'form-7f3a-1' })).toBe(2);
    const bad = await as.secretariat.gql(REGISTER_ENTITY, { i: input, k: '' });
    expect(errorOf(bad)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'idempotencyKey' });
  });

  // An activity has no natural key (two trainings on one day are two records): before this, a
  // client retrying a recordActivity whose answer it did not get stored it twice, with no way to
  // say "the same write" (black-box audit: 10 identical calls stored 10 activities).
  it('replays an idempotency key on recordActivity: 10 parallel calls with one key store one activity', async () => {
    const input = {
      departmentCode: 'SNN',
      kind: f.snnKind,
      date: '2024-03-01',
      count: 3,
      note: 'Tập huấn lần 1',
    };
    const key = 'activity-form-1';
    const id = oneId(
      await fire(as.snnOfficer, RECORD_ACTIVITY, { i: input, k: key }),
      'recordActivity',
    );
    expect(await em().count(Activity, { note: 'Tập huấn lần 1' })).toBe(1);
    expect(await audits('recordActivity')).toBe(1);
    const other = await as.snnOfficer.gql(RECORD_ACTIVITY, { i: { ...input, count: 4 }, k: key });
    expect(errorOf(other)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'idempotencyKey' });
    // Without a key, the same input again is another activity, as before.
    const again = await as.snnOfficer.gql(RECORD_ACTIVITY, { i: input });
    expect(again.data!.recordActivity.id).not.toBe(id);
    expect(await em().count(Activity, { note: 'Tập huấn lần 1' })).toBe(2);
  });

  // Edits and user creation are not `retryRaces` writes: before the fix, on PostgreSQL the loser
  // of a race on a unique index was an INTERNAL_SERVER_ERROR (500) instead of the answer the same
  // request gives one at a time (found by a black-box audit, two parallel renames).
  it('answers DUPLICATE, not an internal error, when parallel renames race for one name', async () => {
    const created = await Promise.all(
      ['Cơ sở Rename Một', 'Cơ sở Rename Hai'].map((name) =>
        as.secretariat.gql(REGISTER_ENTITY_V, {
          i: { name, type: 'HOUSEHOLD_BUSINESS', unitCode: 'chau-phu' },
        }),
      ),
    );
    const renamed = await Promise.all(
      created.map((res) =>
        as.secretariat.gql(UPDATE_ENTITY, {
          id: res.data!.registerEntity.id,
          v: res.data!.registerEntity.version,
          i: { name: 'Cơ sở Rename Chung', type: 'HOUSEHOLD_BUSINESS', unitCode: 'chau-phu' },
        }),
      ),
    );
    const codes = renamed.map((res) => (res.errors ? errorOf(res).code : 'OK')).sort();
    expect(codes).toEqual(['DUPLICATE', 'OK']);
    expect(renamed.find((r) => r.errors)!.status).toBe(409);
    expect(errorOf(renamed.find((r) => r.errors)!)).toMatchObject({ field: 'name' });
    expect(await em().count(EconomicEntity, { normalizedName: 'co so rename chung' })).toBe(1);

    const products = await Promise.all(
      ['Bánh Rename Một', 'Bánh Rename Hai'].map((name) =>
        as.secretariat.gql(REGISTER_PRODUCT_V, {
          i: { name, entityId: String(f.chauPhuEntityId), unitCode: 'chau-phu' },
        }),
      ),
    );
    const renamedProducts = await Promise.all(
      products.map((res) =>
        as.secretariat.gql(UPDATE_PRODUCT, {
          id: res.data!.registerProduct.id,
          v: res.data!.registerProduct.version,
          i: {
            name: 'Bánh Rename Chung',
            entityId: String(f.chauPhuEntityId),
            unitCode: 'chau-phu',
          },
        }),
      ),
    );
    expect(renamedProducts.map((res) => (res.errors ? errorOf(res).code : 'OK')).sort()).toEqual([
      'DUPLICATE',
      'OK',
    ]);
    expect(await em().count(Product, { normalizedName: 'banh rename chung' })).toBe(1);
  });

  it('creates one user for 10 parallel createUser calls with one email, refusing the others as one at a time', async () => {
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        as.admin.gql(CREATE_USER, {
          i: {
            email: 'race@ocop.test',
            password: 'another horse battery',
            displayName: 'Race',
            role: 'VIEWER',
          },
        }),
      ),
    );
    const codes = responses.map((res) => (res.errors ? errorOf(res).code : 'OK'));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    // The losers get the answer of a second call made afterwards: the email is taken.
    for (const res of responses.filter((r) => r.errors))
      expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'email' });
    expect(await em().count(User, { email: 'race@ocop.test' })).toBe(1);
  });
});

describe.each(DIALECTS)('the unique-index migration on an existing %s database', (kind) => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await createTestOrm(kind);
  });
  afterAll(() => destroyTestOrm(orm));

  it('settles duplicates written before it instead of failing', async () => {
    const names = (kind === 'postgresql' ? postgresqlMigrations : sqliteMigrations).map(
      (m) => m.name,
    );
    const index = names.indexOf('Migration20261130082854');
    expect(index).toBeGreaterThan(0);
    const migrator = orm.getMigrator();
    await migrator.down({ to: names[index - 1]! });
    const knex = (orm.em.fork() as EntityManager).getKnex();
    const [unit] = await knex('admin_unit')
      .insert({
        code: 'phu-tan',
        name: 'Phú Tân',
        normalized_name: 'phu tan',
        type: 'district',
        type_vi: 'huyện',
      })
      .returning('id');
    const entity = async () => {
      const [row] = await knex('economic_entity')
        .insert({ name: 'HTX Phú Tân', normalized_name: 'htx phu tan', unit_id: idOf(unit) })
        .returning('id');
      return idOf(row);
    };
    const entityA = await entity();
    const entityB = await entity();
    const product = async (entityId: number) => {
      const [row] = await knex('product')
        .insert({ name: 'Bánh phồng', normalized_name: 'banh phong', entity_id: entityId })
        .returning('id');
      return idOf(row);
    };
    const p1 = await product(entityA);
    const p2 = await product(entityA);
    await product(entityB);
    const evaluation = async () => {
      const [row] = await knex('evaluation')
        .insert({
          product_id: p1,
          level: 'province',
          date: '2022-10-10',
          date_precision: 'day',
          year: 2022,
          rule_set_code: 'QD1048',
          total: 72,
          stars: 4,
          potential_five_star: false,
          outcome: 'passed',
        })
        .returning('id');
      return idOf(row);
    };
    const [e1, e2] = [await evaluation(), await evaluation()];
    const [source] = await knex('source')
      .insert({ url: 'https://ocop.angiang.gov.vn/x' })
      .returning('id');
    await knex('evaluation_source').insert({
      evaluation_id: e2,
      source_id: idOf(source),
    });
    // Two same-day decisions for p1, each leaving its certificate open (the old importer's "<").
    for (const [n, number] of ['2497/QĐ-UBND', '2498/QĐ-UBND'].entries()) {
      const [decision] = await knex('decision')
        .insert({
          group_key: String(n).repeat(64),
          number,
          date: '2022-10-10',
          date_precision: 'day',
          issuing_level: 'province',
          year: 2022,
        })
        .returning('id');
      const [item] = await knex('decision_item')
        .insert({ decision_id: idOf(decision), product_id: p1, stars: 4, action: 'recognise' })
        .returning('id');
      await knex('certificate').insert({
        product_id: p1,
        decision_item_id: idOf(item),
        stars: 4,
        issued_on: '2022-10-10',
        issued_precision: 'day',
        valid_until: '2025-10-10',
      });
    }

    await migrator.up();

    const fork = orm.em.fork();
    // Evaluations merged into the oldest, which gained the other's source.
    const evaluations = await fork.find(Evaluation, { product: p1 }, { populate: ['sources'] });
    expect(evaluations.map((e) => e.id)).toEqual([e1]);
    expect(evaluations[0]!.sources.getItems().map((s) => s.url)).toEqual([
      'https://ocop.angiang.gov.vn/x',
    ]);
    // The later entity and product keep their rows, their search key marked with their id.
    const entities = await fork.find(
      EconomicEntity,
      { name: 'HTX Phú Tân' },
      { orderBy: { id: 'asc' } },
    );
    expect(entities.map((e) => e.normalizedName)).toEqual([
      'htx phu tan',
      `htx phu tan #${entityB}`,
    ]);
    const products = await fork.find(Product, { name: 'Bánh phồng' }, { orderBy: { id: 'asc' } });
    expect(products.map((p) => p.normalizedName)).toEqual([
      'banh phong',
      `banh phong #${p2}`,
      'banh phong',
    ]);
    // Of the two open same-day certificates, the earlier record is superseded that day.
    const certs = await fork.find(Certificate, { product: p1 }, { orderBy: { id: 'asc' } });
    expect(certs.map((c) => c.supersededOn)).toEqual(['2022-10-10', null]);
    // Both recognitions rest on a scored evaluation (e1, 72 points): not flagged.
    const flags = await knex('decision_item').select('without_evaluation').where('product_id', p1);
    expect(
      flags.map((r: { without_evaluation: unknown }) => Boolean(r.without_evaluation)),
    ).toEqual([false, false]);
  });
});
