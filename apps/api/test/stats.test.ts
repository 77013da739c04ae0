import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './db.js';
import { createTestApi, type TestApi } from './api.js';
import { importDecisionList } from '../src/modules/imports/decision-list-importer.js';

const rowsOf = (rows: { key: string | null; count: number }[]) =>
  Object.fromEntries(rows.map((r) => [r.key ?? 'null', r.count]));

describe.each(DIALECTS)('stats on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  it('counts certified products by unit as of 2021-12-31 with definition, decisions and sources', async () => {
    const res = await api.gql(`{ stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2021-12-31") {
      measure groupBy basis asOf definition total yearOnlyRecords rows { key label count } decisions { id } sources { url } } }`);
    expect(res.errors).toBeUndefined();
    const s = res.data!.stats;
    expect(s).toMatchObject({
      measure: 'PRODUCTS',
      groupBy: 'UNIT',
      basis: 'EVER_CERTIFIED',
      asOf: '2021-12-31',
      total: 39,
      yearOnlyRecords: 39,
    });
    expect(rowsOf(s.rows)).toMatchObject({
      'tinh-bien': 7,
      'chau-phu': 4,
      'an-phu': 2,
      'phu-tan': 2,
      'tri-ton': 1,
      null: 10,
    });
    expect(s.rows.find((r: { key: string }) => r.key === 'tinh-bien').label).toBe('Tịnh Biên');
    expect(s.definition).toMatch(/on or before 2021-12-31/);
    expect(s.definition).toMatch(/Year-only dates count from 31 December/);
    expect(s.decisions.length).toBeGreaterThan(0);
    expect(s.sources.length).toBeGreaterThan(0);
  });

  it('counts by stars', async () => {
    const res = await api.gql(
      '{ stats(measure: PRODUCTS, groupBy: STARS, asOf: "2021-12-31") { total rows { key label count } } }',
    );
    expect(rowsOf(res.data!.stats.rows)).toEqual({ '3': 27, '4': 10, '5': 2 });
    expect(res.data!.stats.rows.map((r: { label: string }) => r.label)).toEqual(['3★', '4★', '5★']);
  });

  it('counts by product group in either taxonomy', async () => {
    const g1048 = await api.gql(
      '{ stats(measure: PRODUCTS, groupBy: GROUP, asOf: "2021-12-31") { total rows { key label count } } }',
    );
    expect(rowsOf(g1048.data!.stats.rows)).toMatchObject({ food: 27, beverage: 9 });
    const g148 = await api.gql(
      '{ stats(measure: PRODUCTS, groupBy: GROUP, groupTaxonomy: QD148, asOf: "2021-12-31") { rows { key count } } }',
    );
    expect(rowsOf(g148.data!.stats.rows)).toMatchObject({ food: 27, beverage: 9 });
  });

  it('counts nothing before the first year-only decision takes effect', async () => {
    const res = await api.gql(
      '{ stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2020-06-30") { total rows { count } } }',
    );
    expect(res.data!.stats.total).toBe(0);
  });

  it('tells ever-certified from valid-on-as-of', async () => {
    const res = await api.gql(`{
      ever: stats(measure: PRODUCTS, groupBy: STARS, basis: EVER_CERTIFIED, asOf: "2025-06-30") { total definition }
      valid: stats(measure: PRODUCTS, groupBy: STARS, basis: VALID_ON_AS_OF, asOf: "2025-06-30") { total definition }
    }`);
    // 39 of 2020–2021 + 26 of the 2022 rounds (products-2022.csv); only the latter still valid.
    expect(res.data!.ever.total).toBe(65);
    expect(res.data!.valid.total).toBe(26);
    expect(res.data!.valid.definition).toMatch(/in force on 2025-06-30/);
  });

  it('gives the definition in Vietnamese too, dated dd/mm/yyyy', async () => {
    const res = await api.gql(`{
      ever: stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2021-12-31") { definitionVi }
      valid: stats(measure: PRODUCTS, groupBy: STARS, basis: VALID_ON_AS_OF, asOf: "2025-06-30") { definitionVi }
      evaluations: stats(measure: EVALUATIONS, groupBy: LEVEL, asOf: "2021-12-31") { definitionVi }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.ever.definitionVi).toBe(
      'Số sản phẩm khác nhau có giấy chứng nhận OCOP (quyết định công nhận từ 3 sao trở lên) được chứng nhận đến hết ngày 31/12/2021 (từng được chứng nhận, dù nay còn hay đã hết hiệu lực), phân nhóm theo đơn vị cấp huyện. Bản ghi chỉ ghi năm được tính từ ngày 31/12 của năm đó, hoặc từ ngày sớm hơn mà nguồn cho biết (ngày trao giấy chứng nhận).',
    );
    expect(res.data!.valid.definitionVi).toMatch(/còn hiệu lực vào ngày 30\/06\/2025/);
    expect(res.data!.evaluations.definitionVi).toMatch(
      /^Số lượt đánh giá của hội đồng có ngày đến hết ngày 31\/12\/2021, phân nhóm theo cấp\./,
    );
  });

  it('labels the group of records without a key "Không rõ", in one language', async () => {
    const res = await api.gql(
      '{ stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2021-12-31") { rows { key label } } }',
    );
    expect(res.data!.stats.rows.find((r: { key: string | null }) => r.key === null).label).toBe(
      'Không rõ',
    );
  });

  it('filters stats by unit', async () => {
    const res = await api.gql(
      '{ stats(measure: PRODUCTS, groupBy: STARS, asOf: "2021-12-31", filter: { unitCode: "chau-phu" }) { total } }',
    );
    expect(res.data!.stats.total).toBe(4);
  });
});

// A product upgraded from 3★ (2021) to 4★ (2022) counts once, under the star of its latest
// certificate on asOf; before the upgrade it is still 3★. Own database: the import changes data.
describe.each(DIALECTS)('stats by stars after an upgrade on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  const HEADER =
    'product_name,entity_name,entity_type,commune,district,product_group,stars,score,level,decision,decision_date,year,batch,source_url';
  // Cà na muối (Tịnh Biên) is 3★ from the year-only 2021 list; 45/QĐ-UBND upgrades it to 4★.
  const UPGRADE =
    'Cà na muối,Hộ kinh doanh Hòa Kiều,household_business,xã Tân Lập,Tịnh Biên,food,4,72,province,45/QĐ-UBND,2022-09-01,2022,đợt 2/2022,https://example.org/decision';
  const byStars = async (args: string) => {
    const res = await api.gql(
      `{ stats(${args}) { total definition definitionVi rows { key count } } }`,
    );
    expect(res.errors).toBeUndefined();
    const s = res.data!.stats;
    return {
      total: s.total as number,
      rows: rowsOf(s.rows),
      sum: (s.rows as { count: number }[]).reduce((a, r) => a + r.count, 0),
      definition: s.definition as string,
      definitionVi: s.definitionVi as string,
    };
  };
  const ever = (asOf: string, filter = '') =>
    `measure: PRODUCTS, groupBy: STARS, basis: EVER_CERTIFIED, asOf: "${asOf}"${filter}`;

  it('counts the upgraded product once, under its latest star, and under 3★ before the upgrade', async () => {
    const before2022 = await byStars(ever('2022-12-31'));
    const tinhBienBefore = await byStars(ever('2022-12-31', ', filter: { unitCode: "tinh-bien" }'));
    const report = await importDecisionList(api.orm.em.fork(), {
      fileName: 'upgrade.csv',
      content: `${HEADER}\n${UPGRADE}\n`,
    });
    expect(report.applied).toBe(true);
    expect(report.reused.products).toBe(1);

    const after2022 = await byStars(ever('2022-12-31'));
    expect(after2022.sum).toBe(after2022.total);
    expect(after2022.total).toBe(before2022.total);
    expect(after2022.rows['3']).toBe(before2022.rows['3']! - 1);
    expect(after2022.rows['4']).toBe(before2022.rows['4']! + 1);
    const tinhBienAfter = await byStars(ever('2022-12-31', ', filter: { unitCode: "tinh-bien" }'));
    expect(tinhBienAfter.total).toBe(tinhBienBefore.total);
    expect(tinhBienAfter.rows['3']).toBe(tinhBienBefore.rows['3']! - 1);
    expect(tinhBienAfter.rows['4']).toBe((tinhBienBefore.rows['4'] ?? 0) + 1);
    // A star filter means the same star as the grouping: the product is 4★ now, not 3★.
    expect((await byStars(ever('2022-12-31', ', filter: { stars: [3] }'))).total).toBe(
      after2022.rows['3'],
    );
    expect((await byStars(ever('2022-12-31', ', filter: { stars: [4] }'))).total).toBe(
      after2022.rows['4'],
    );
    // Without stars every certificate is a row: the product holding two is still one product
    // (stats-query.ts counts products distinctly then), its certificates two records.
    const byUnit = await byStars(
      'measure: PRODUCTS, groupBy: UNIT, basis: EVER_CERTIFIED, asOf: "2022-12-31"',
    );
    expect(byUnit.total).toBe(after2022.total);
    expect(byUnit.rows['tinh-bien']).toBe(tinhBienAfter.total);
    const certificates = await byStars(
      'measure: CERTIFICATES, groupBy: UNIT, basis: EVER_CERTIFIED, asOf: "2022-12-31"',
    );
    expect(certificates.rows['tinh-bien']).toBe(tinhBienAfter.total + 1);
    expect(certificates.total).toBe(certificates.sum);
    expect(after2022.definition).toMatch(/latest certificate issued on or before 2022-12-31/);
    expect(after2022.definitionVi).toMatch(
      /giấy chứng nhận mới nhất cấp đến hết ngày 31\/12\/2022/,
    );

    // Before the upgrade (and at 2021-12-31) it is still 3★.
    const at2021 = await byStars(ever('2021-12-31'));
    expect(at2021.rows).toEqual({ '3': 27, '4': 10, '5': 2 });
    expect(at2021.sum).toBe(at2021.total);
    // Nothing was decided between 2022-01-01 and the upgrade (2497/QĐ-UBND came on 10/10/2022).
    expect((await byStars(ever('2022-08-31'))).rows).toEqual(at2021.rows);

    // Valid on asOf: the 3★ certificate is superseded, the 4★ one is in force.
    const valid = await byStars(
      'measure: PRODUCTS, groupBy: STARS, basis: VALID_ON_AS_OF, asOf: "2022-12-31"',
    );
    expect(valid.sum).toBe(valid.total);
    expect(valid.rows['4']).toBe(after2022.rows['4']);
    expect(valid.definition).toMatch(/certificate in force on 2022-12-31/);
  });

  it('counts each entity once, under the highest current star of its products', async () => {
    const entities = await byStars('measure: ENTITIES, groupBy: STARS, asOf: "2022-12-31"');
    expect(entities.sum).toBe(entities.total);
    expect(entities.total).toBeGreaterThan(0);
    expect(entities.definition).toMatch(/highest star among its products/);
  });
});
