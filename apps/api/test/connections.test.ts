// The analysts' arguments of the public connections (issue 13, point 8; issue 9, point 1): sort,
// date ranges, the two years (roundYear vs decisionYear/evaluationYear), the two star questions
// (starsEver vs starsOnDate) with their deprecated aliases, and the public activities list.
// Values from data/seed/products-2020-2021.csv and products-2022.csv.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareVietnamese } from '@ocop/domain';
import { Activity } from '../src/modules/activities/activity.entity.js';
import { Department } from '../src/modules/departments/department.entity.js';
import { DIALECTS } from './db.js';
import { createTestApi, type Json, type TestApi } from './api.js';

describe.each(DIALECTS)('connection arguments on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  const ok = async (query: string) => {
    const res = await api.gql(query);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  it('tells the round year from the decision year: QĐ 86/QĐ-UBND of 27/1/2023 is round 2 of 2022', async () => {
    const data = await ok(`{
      round2022: decisions(first: 100, filter: { roundYear: 2022 }) { totalCount nodes { number roundYear decisionYear year } }
      dated2022: decisions(first: 100, filter: { decisionYear: 2022 }) { nodes { number } }
      dated2023: decisions(first: 100, filter: { decisionYear: 2023 }) { nodes { number } }
    }`);
    expect(data.round2022.totalCount).toBe(2);
    expect(data.round2022.nodes.find((d: Json) => d.number === '86/QĐ-UBND')).toEqual({
      number: '86/QĐ-UBND',
      roundYear: 2022,
      decisionYear: 2023,
      year: 2022,
    });
    expect(data.dated2022.nodes.map((d: Json) => d.number)).toEqual(['2497/QĐ-UBND']);
    expect(data.dated2023.nodes.map((d: Json) => d.number)).toEqual(['86/QĐ-UBND']);
  });

  it('filters products by round year (26 of 2022) and by decision year (12 dated 2022)', async () => {
    const data = await ok(`{
      round: products(first: 100, filter: { roundYear: 2022 }) { totalCount }
      dated: products(first: 100, filter: { decisionYear: 2022 }) { totalCount }
      range: products(first: 100, filter: { decidedFrom: "2023-01-01", decidedTo: "2023-01-31" }) { totalCount }
    }`);
    expect([data.round.totalCount, data.dated.totalCount, data.range.totalCount]).toEqual([
      26, 12, 14,
    ]);
  });

  it('keeps the deprecated names working with their old meaning', async () => {
    const data = await ok(`{
      old: products(first: 100, filter: { stars: [4], year: 2020 }) { totalCount }
      new: products(first: 100, filter: { starsEver: [4], evaluationYear: 2020 }) { totalCount }
      oldDecisions: decisions(first: 100, filter: { year: 2022 }) { totalCount }
    }`);
    expect(data.old.totalCount).toBe(data.new.totalCount);
    expect(data.new.totalCount).toBeGreaterThan(0);
    expect(data.oldDecisions.totalCount).toBe(2);
    const clash = await api.gql(
      '{ products(first: 1, filter: { stars: [4], starsEver: [5] }) { totalCount } }',
    );
    expect(clash.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'filter.starsEver',
    });
  });

  it('asks "stars ever held" and "stars on the as-of date" separately', async () => {
    // The 2 national 5★ of 2020 (year-only, valid 31/12/2020–31/12/2023) hold 5★ at the end of
    // 2021 and have held them ever since; in mid-2025 their certificates have expired.
    const data = await ok(`{
      ever: products(first: 100, filter: { starsEver: [5] }) { totalCount }
      on2021: products(first: 100, filter: { starsOnDate: [5], asOf: "2021-12-31" }) { totalCount }
      on2025: products(first: 100, filter: { starsOnDate: [5], asOf: "2025-06-30" }) { totalCount }
    }`);
    expect([data.ever.totalCount, data.on2021.totalCount, data.on2025.totalCount]).toEqual([
      2, 2, 0,
    ]);
  });

  it('sorts products by name in Vietnamese alphabetical order, both ways, and by current stars', async () => {
    const data = await ok(`{
      asc: products(first: 100, sort: { by: NAME }) { nodes { name } }
      desc: products(first: 100, sort: { by: NAME, direction: DESC }) { nodes { name } }
      stars: products(first: 3, sort: { by: STARS, direction: DESC }) { nodes { currentStars } }
    }`);
    const names = data.asc.nodes.map((p: Json) => p.name as string);
    expect(names).toEqual([...names].sort(compareVietnamese));
    // đ is a letter after d: "dạng" before "đặc" (ignoring diacritics would put "dac" first),
    // and Đ before G (byte order would put every Đ after Z).
    expect(names.filter((n: string) => n.startsWith('Đường thốt nốt'))).toEqual([
      'Đường thốt nốt cô đặc MOUN7AINS',
      'Đường thốt nốt dạng bột MOUN7AINS',
      'Đường thốt nốt dạng viên',
      'Đường thốt nốt đặc biệt cô đặc THNOT',
      'Đường thốt nốt sệt Palmania',
    ]);
    expect(names.findIndex((n: string) => n.startsWith('Đ'))).toBeLessThan(
      names.findIndex((n: string) => n.startsWith('G')),
    );
    expect(data.desc.nodes.map((p: Json) => p.name)).toEqual([...names].reverse());
    expect(data.stars.nodes.map((p: Json) => p.currentStars)).toEqual([5, 5, 4]);
  });

  it('sorts and ranges evaluations and decisions by date', async () => {
    const data = await ok(`{
      evals: evaluations(first: 100, filter: { evaluatedFrom: "2022-01-01" }, sort: { by: DATE }) { totalCount nodes { date { value } } }
      decisions: decisions(first: 100, filter: { from: "2022-10-10", to: "2022-10-10" }) { nodes { number } }
      oldest: decisions(first: 1, sort: { by: DATE }) { nodes { date { value } } }
    }`);
    expect(data.evals.totalCount).toBe(26);
    const dates = data.evals.nodes.map((e: Json) => e.date.value as string);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]).toBe('2022-10-10');
    expect(data.decisions.nodes).toEqual([{ number: '2497/QĐ-UBND' }]);
    expect(data.oldest.nodes[0].date.value).toBe('2020-12-31');
  });

  it('lists recorded activities publicly, the generated sample rows only when asked', async () => {
    const before = await ok(`{
      recorded: activities(first: 5) { totalCount }
      sample: activities(first: 5, filter: { sample: true }) { totalCount nodes { sample } }
    }`);
    // The seed records no real activity (none are published); it generates labelled samples.
    expect(before.recorded.totalCount).toBe(0);
    expect(before.sample.totalCount).toBeGreaterThan(0);
    expect(before.sample.nodes.every((a: Json) => a.sample === true)).toBe(true);

    const em = api.orm.em.fork();
    const department = await em.findOneOrFail(Department, { code: 'SNN' });
    em.create(Activity, {
      department,
      kind: 'trade_promotion',
      date: '2021-05-04',
      datePrecision: 'day',
      count: 1,
      sample: false,
    });
    await em.flush();
    const after = await ok(`{
      recorded: activities(first: 5, filter: { from: "2021-05-01", to: "2021-05-31" }) {
        totalCount nodes { kind date sample department { code } }
      }
    }`);
    expect(after.recorded).toEqual({
      totalCount: 1,
      nodes: [
        { kind: 'trade_promotion', date: '2021-05-04', sample: false, department: { code: 'SNN' } },
      ],
    });
  });
});
