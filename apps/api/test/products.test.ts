import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EconomicEntity } from '../src/modules/entities/economic-entity.entity.js';
import { DIALECTS } from './db.js';
import { createTestApi, type Json, type TestApi } from './api.js';
import { createActors, signIn } from './auth-helpers.js';

const names = (res: { data?: Record<string, Json> }, field = 'products') =>
  res.data![field].edges.map((e: { node: { name: string } }) => e.node.name);

describe.each(DIALECTS)('products, entities, evaluations and decisions on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  it('finds "Mắm cá" with or without diacritics', async () => {
    // "mam ca" alone also finds the four mắm of products-2022.csv (chốt, sặc, trèn, mè vinh).
    for (const search of ['mam ca linh', 'Mắm cá linh', 'MAM CA LINH']) {
      const res = await api.gql(
        'query($s: String) { products(first: 10, filter: { search: $s }) { totalCount edges { node { name } } } }',
        { s: search },
      );
      expect(res.errors).toBeUndefined();
      expect(names(res)).toEqual(['Mắm cá linh chưng (đóng hộp)']);
    }
  });

  it('finds every Chợ Mới product with "cho moi" (unit name, commune or entity)', async () => {
    const plain = await api.gql(
      '{ products(first: 10, filter: { search: "cho moi" }) { totalCount edges { node { name unit { name } } } } }',
    );
    const accented = await api.gql(
      '{ products(first: 10, filter: { search: "Chợ Mới" }) { totalCount edges { node { name } } } }',
    );
    // Three of 2020–2021 and the two Thái Minh Nguyên teas of 2497/QĐ-UBND (2022).
    expect(plain.data!.products.totalCount).toBe(5);
    expect(names(plain).sort()).toEqual([
      'Bánh hạnh nhân',
      'Khô cá lóc',
      'Nước ép xoài (đóng lon)',
      'Trà kim ngân hoa',
      'Trà kim ngân hoa túi lọc',
    ]);
    expect(names(accented)).toEqual(names(plain));
  });

  it('filters by unit, stars, group, year and level, with totalCount', async () => {
    const unit = await api.gql(
      '{ products(first: 100, filter: { unitCode: "chau-phu" }) { totalCount } }',
    );
    // 4 of 2020–2021 + Khô ếch một nắng (86/QĐ-UBND, round 2/2022).
    expect(unit.data!.products.totalCount).toBe(5);
    const fiveStar = await api.gql(
      '{ products(first: 100, filter: { stars: [5] }) { totalCount edges { node { name currentStars } } } }',
    );
    expect(fiveStar.data!.products.totalCount).toBe(2);
    expect(
      fiveStar.data!.products.edges.every(
        (e: { node: { currentStars: number } }) => e.node.currentStars === 5,
      ),
    ).toBe(true);
    const evaluated2021 = await api.gql(
      '{ products(first: 100, filter: { year: 2021, level: PROVINCE }) { totalCount } }',
    );
    expect(evaluated2021.data!.products.totalCount).toBe(12);
    const beverage = await api.gql(
      '{ products(first: 100, filter: { group: "beverage" }) { totalCount } }',
    );
    expect(beverage.data!.products.totalCount).toBeGreaterThan(0);
  });

  it('filters by certificate status on an as-of date (computed by the domain)', async () => {
    const valid2021 = await api.gql(
      '{ products(first: 100, filter: { certificateStatus: VALID, asOf: "2021-12-31" }) { totalCount } }',
    );
    expect(valid2021.data!.products.totalCount).toBe(39);
    const expired2025 = await api.gql(
      '{ products(first: 100, filter: { certificateStatus: EXPIRED, asOf: "2025-06-30" }) { totalCount } }',
    );
    expect(expired2025.data!.products.totalCount).toBe(39);
  });

  it('pages with cursors and reports hasNextPage', async () => {
    const first = await api.gql(
      '{ products(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }',
    );
    const p1 = first.data!.products;
    expect(p1.edges).toHaveLength(5);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const next = await api.gql(
      'query($after: String) { products(first: 5, after: $after) { edges { node { id } } } }',
      { after: p1.pageInfo.endCursor },
    );
    const ids1 = p1.edges.map((e: { node: { id: string } }) => e.node.id);
    const ids2 = next.data!.products.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids2).toHaveLength(5);
    expect(ids1.filter((id: string) => ids2.includes(id))).toEqual([]);
  });

  it.each([
    ['first: 0', 'products(first: 0)', 'PAGE_SIZE_OUT_OF_RANGE'],
    ['first: 101', 'products(first: 101)', 'PAGE_SIZE_OUT_OF_RANGE'],
    [
      'last: 101',
      'products(last: 101, before: "T2Zmc2V0Q29ubmVjdGlvbjo1")',
      'PAGE_SIZE_OUT_OF_RANGE',
    ],
    ['entities first: 101', 'entities(first: 101)', 'PAGE_SIZE_OUT_OF_RANGE'],
    ['decisions first: 0', 'decisions(first: 0)', 'PAGE_SIZE_OUT_OF_RANGE'],
    ['last without before', 'evaluations(last: 5)', 'VALIDATION_FAILED'],
  ])('refuses %s', async (_name, field, code) => {
    const res = await api.gql(`{ ${field} { totalCount } }`);
    expect(res.data?.products ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions.code).toBe(code);
    if (code === 'PAGE_SIZE_OUT_OF_RANGE')
      expect(res.errors![0]!.message).toMatch(/between 1 and 100/);
  });

  it('refuses a cursor it did not issue as VALIDATION_FAILED naming the argument', async () => {
    // "bogus" is not base64 of an offset cursor; the second is base64 of "OffsetConnection:-3".
    for (const [arg, cursor] of [
      ['after', 'bogus'],
      ['before', Buffer.from('OffsetConnection:-3').toString('base64')],
    ]) {
      const res = await api.gql(`{ products(first: 5, ${arg}: "${cursor}") { totalCount } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: arg });
    }
  });

  it('gives no cursor for an empty page, and refuses a cursor that is not a whole offset', async () => {
    // Found by a black-box audit: an empty first page answered endCursor "OffsetConnection:-1",
    // which the API itself then refused as a bad cursor; "OffsetConnection:1.5" was read as 1.
    const empty = await api.gql(
      '{ products(filter: { search: "zzzqqqxxx" }) { totalCount pageInfo { startCursor endCursor } } }',
    );
    expect(empty.errors).toBeUndefined();
    expect(empty.data!.products).toEqual({
      totalCount: 0,
      pageInfo: { startCursor: null, endCursor: null },
    });
    for (const offset of ['1.5', '2abc', '', ' 3', '+4', '1e2']) {
      const cursor = Buffer.from(`OffsetConnection:${offset}`).toString('base64');
      const res = await api.gql(`{ products(first: 5, after: "${cursor}") { totalCount } }`);
      expect(res.errors?.[0]?.extensions, offset).toMatchObject({
        code: 'VALIDATION_FAILED',
        field: 'after',
      });
    }
  });

  it('gives 20 rows without a page size, and `nodes` equal to the edges’ nodes', async () => {
    const res = await api.gql(
      '{ products { totalCount nodes { id } edges { node { id } } pageInfo { hasNextPage } } }',
    );
    expect(res.errors).toBeUndefined();
    const { nodes, edges, totalCount, pageInfo } = res.data!.products;
    expect(nodes).toHaveLength(20);
    expect(nodes).toEqual(edges.map((e: { node: unknown }) => e.node));
    expect(pageInfo.hasNextPage).toBe(totalCount > 20);
  });

  it('charges a connection on the rows it can return, not on the page size asked for', async () => {
    // At 100 rows this selection costs over the default limit (5000); the province has fewer
    // products, so it is accepted and costs what the same query costs for exactly those rows.
    const query = (first: number) => `{ products(first: ${first}) { totalCount nodes {
      name currentStars unit { name } evaluations { total stars } sources { url }
      starHistory { change stars }
    } } }`;
    const res = await api.gql(query(100));
    expect(res.errors).toBeUndefined();
    const rows = res.data!.products.totalCount;
    expect(res.data!.products.nodes).toHaveLength(rows);
    const exact = await api.gql(query(rows));
    expect(res.extensions!.cost.complexity).toBe(exact.extensions!.cost.complexity);
    expect(exact.extensions!.cost.complexity * (100 / rows)).toBeGreaterThan(5000);
  });

  it('pages backwards with last/before to the same rows as forwards', async () => {
    const all = await api.gql('{ products(first: 10) { nodes { id } pageInfo { endCursor } } }');
    const { nodes, pageInfo } = all.data!.products;
    const back = await api.gql(
      `{ products(last: 4, before: "${pageInfo.endCursor}") { nodes { id } pageInfo { hasPreviousPage } } }`,
    );
    expect(back.errors).toBeUndefined();
    expect(back.data!.products.nodes).toEqual(nodes.slice(5, 9));
    expect(back.data!.products.pageInfo.hasPreviousPage).toBe(true);
  });

  it('returns null owner name and phone to anonymous requests, without leaking them in errors', async () => {
    const res = await api.gql(
      '{ entities(first: 100) { totalCount edges { node { name ownerName ownerPhone } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.entities.totalCount).toBeGreaterThan(10);
    for (const e of res.data!.entities.edges) {
      expect(e.node.ownerName).toBeNull();
      expect(e.node.ownerPhone).toBeNull();
    }
  });

  it('shows owner data only to staff allowed to see it (secretariat here; the full matrix is in write-authorisation.test.ts)', async () => {
    const em = api.orm.em.fork();
    const entity = await em.findOneOrFail(EconomicEntity, {
      normalizedName: { $like: '%palmania%' },
    });
    entity.ownerName = 'Nguyễn Văn A';
    entity.ownerPhone = '0900000000';
    await em.flush();
    await createActors(api.orm);
    const query =
      '{ entities(first: 1, filter: { search: "palmania" }) { edges { node { name ownerName ownerPhone } } } }';
    const staff = await (await signIn(api, 'secretariat')).gql(query);
    expect(staff.errors).toBeUndefined();
    expect(staff.data!.entities.edges[0].node).toMatchObject({
      ownerName: 'Nguyễn Văn A',
      ownerPhone: '0900000000',
    });
    const anonymous = await api.gql(query);
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data!.entities.edges[0].node).toMatchObject({
      ownerName: null,
      ownerPhone: null,
    });
  });

  it('gives a product its entity, unit, latest decision, certificate, history, groups and sources', async () => {
    const res =
      await api.gql(`{ products(first: 1, filter: { search: "mam ca linh" }) { edges { node {
      name currentStars entity { name type } unit { code }
      latestDecision { issuingLevel date { value precision label } }
      certificate(asOf: "2021-12-31") { stars status validUntil }
      starHistory { change stars } group1048 { code } group148 { code } sources { url } evaluations { level ruleSet }
    } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.products.edges[0].node).toMatchObject({
      currentStars: 4,
      entity: { type: 'ENTERPRISE' },
      unit: { code: 'long-xuyen' },
      latestDecision: {
        issuingLevel: 'PROVINCE',
        date: { value: '2020-12-31', precision: 'YEAR', label: '2020' },
      },
      certificate: { stars: 4, status: 'VALID', validUntil: '2023-12-31' },
      starHistory: [{ change: 'NEW', stars: 4 }],
      group1048: { code: 'food' },
      group148: { code: 'food' },
      evaluations: [{ level: 'PROVINCE', ruleSet: 'QD1048' }],
    });
    expect(res.data!.products.edges[0].node.sources.length).toBeGreaterThan(0);
  });

  it('looks up one product by id and returns null for an unknown id', async () => {
    const list = await api.gql('{ products(first: 1) { edges { node { id name } } } }');
    const { id, name } = list.data!.products.edges[0].node;
    expect((await api.gql(`{ product(id: "${id}") { name } }`)).data).toEqual({
      product: { name },
    });
    expect((await api.gql('{ product(id: "999999") { name } }')).data).toEqual({ product: null });
  });

  it('lists evaluations and decisions with totalCount', async () => {
    const res = await api.gql(`{
      evaluations(first: 100, filter: { year: 2021 }) { totalCount edges { node { level date { label } product { name } } } }
      decisions(first: 100) { totalCount edges { node { issuingLevel date { precision } items { stars product { name } } } } }
      entities(first: 5, filter: { unitCode: "tinh-bien" }) { totalCount }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.evaluations.totalCount).toBe(12);
    const items = res.data!.decisions.edges.flatMap(
      (e: { node: { items: unknown[] } }) => e.node.items,
    );
    expect(items.length).toBe(
      res.data!.decisions.edges.reduce(
        (n: number, e: { node: { items: unknown[] } }) => n + e.node.items.length,
        0,
      ),
    );
    expect(res.data!.decisions.totalCount).toBeGreaterThan(0);
    // 3 of 2020–2021 + Trại nuôi ong mật Trà Sư, Mai Tùng and HTX Văn Giáo of 2022.
    expect(res.data!.entities.totalCount).toBe(6);
  });
});
