import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './db.js';
import { createTestApi, type TestApi } from './api.js';

const PLAN_QUERY = `query Plan($asOf: Date) {
  plan(year: 2021) {
    code periodStart periodEnd
    targets(asOf: $asOf) {
      code kind definition
      progress { asOf actual target met status statusRule statusReason yearOnlyRecords noData perUnit { unit { code name } value met } }
    }
  }
}`;

describe.each(DIALECTS)('plan 152/KH-UBND (2021) on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  const target = async (code: string, asOf: string) => {
    const res = await api.gql(PLAN_QUERY, { asOf });
    expect(res.errors).toBeUndefined();
    return res.data!.plan.targets.find((t: { code: string }) => t.code === code);
  };

  // Issue 9: the plan period is over on 2021-12-31, so T1 is MISSED (final), not "at risk".
  it('counts T1 (products first certified 3★+ in 2021) as 12 on 2021-12-31: MISSED against 20 by 8', async () => {
    const t1 = await target('T1-CERTIFIED', '2021-12-31');
    expect(t1.progress).toMatchObject({
      asOf: '2021-12-31',
      actual: 12,
      target: 20,
      met: false,
      status: 'MISSED',
      statusRule: 'linear-pace-v2',
    });
    expect(t1.progress.yearOnlyRecords).toBe(12);
    expect(t1.progress.statusReason).toContain('12');
  });

  it('says how many sample activities a figure rests on: T7 (capacity training) does, T1 does not', async () => {
    const res = await api.gql(
      `{ plan(year: 2021) { targets(asOf: "2021-12-31") { code progress { sampleRecords } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const byCode = new Map(
      res.data!.plan.targets.map((t: { code: string; progress: { sampleRecords: number } }) => [
        t.code,
        t.progress.sampleRecords,
      ]),
    );
    // The seed generates sample activities (SAMPLE_ACTIVITIES default on); only T7/T8 read activities.
    expect(byCode.get('T7-CAPACITY')).toBeGreaterThan(0);
    expect(byCode.get('T8-STANDARDISE-4STAR')).toBeGreaterThan(0);
    expect(byCode.get('T1-CERTIFIED')).toBe(0);
    expect(byCode.get('T5-PASS-RATE')).toBe(0);
  });

  it('gives T5 (pass rate) 12/17 = 70.59% from the published counts of round 1/2021, and says so', async () => {
    const res = await api.gql(
      `{ plan(year: 2021) { targets(asOf: "2021-12-31") { code progress { actual numerator denominator publishedRounds status } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const t5 = res.data!.plan.targets.find((t: { code: string }) => t.code === 'T5-PASS-RATE');
    expect(t5.progress).toMatchObject({
      actual: 70.59,
      numerator: 12,
      denominator: 17,
      publishedRounds: ['1/2021'],
    });
    // Before the council's count (7/4/2021) the published round is not used.
    const early = await api.gql(
      `{ plan(year: 2021) { targets(asOf: "2021-04-06") { code progress { denominator publishedRounds } } } }`,
    );
    const t5Early = early.data!.plan.targets.find(
      (t: { code: string }) => t.code === 'T5-PASS-RATE',
    );
    expect(t5Early.progress).toEqual({ denominator: 0, publishedRounds: [] });
  });

  it('gives T7 and T8 the status DEMO_DATA (never green) because they rest on sample activities', async () => {
    const res = await api.gql(
      `{ plan(year: 2021) { targets(asOf: "2021-12-31") { code progress { status statusReasonCode sampleRecords } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const byCode = new Map(
      res.data!.plan.targets.map((t: { code: string; progress: unknown }) => [t.code, t.progress]),
    );
    for (const code of ['T7-CAPACITY', 'T8-STANDARDISE-4STAR']) {
      expect(byCode.get(code), code).toMatchObject({
        status: 'DEMO_DATA',
        statusReasonCode: 'DEMO_DATA',
      });
    }
    expect(byCode.get('T1-CERTIFIED')).toMatchObject({ status: 'MISSED' });
  });

  it('gives T1 its Vietnamese definition and its status reason as a code with typed params', async () => {
    const res =
      await api.gql(`{ plan(year: 2021) { targets(asOf: "2021-12-31") { code definition definitionVi
      progress { status definitionVi statusReasonCode statusReasonParams { name number date } } } } }`);
    expect(res.errors).toBeUndefined();
    const t1 = res.data!.plan.targets.find((t: { code: string }) => t.code === 'T1-CERTIFIED');
    expect(t1.definition).toBe(
      'distinct products whose first OCOP certificate (3★+) is dated in the plan year',
    );
    expect(t1.definitionVi).toBe(
      'số sản phẩm khác nhau có giấy chứng nhận OCOP (3 sao trở lên) đầu tiên được cấp trong năm kế hoạch',
    );
    expect(t1.progress.definitionVi).toBe(t1.definitionVi);
    expect(t1.progress.status).toBe('MISSED');
    expect(t1.progress.statusReasonCode).toBe('PERIOD_ENDED_UNMET');
    expect(t1.progress.statusReasonParams).toEqual([
      { name: 'asOf', number: null, date: '2021-12-31' },
      { name: 'target', number: 20, date: null },
      { name: 'actual', number: 12, date: null },
      { name: 'periodEnd', number: null, date: '2021-12-31' },
      { name: 'margin', number: -8, date: null },
    ]);
    expect(
      res.data!.plan.targets.every((t: { definitionVi: string | null }) => t.definitionVi),
    ).toBe(true);
  });

  it('counts T1 as 12 on 2021-06-30: round 1/2021 is year-only but its certificates were handed over on 22/4/2021', async () => {
    const t1 = await target('T1-CERTIFIED', '2021-06-30');
    expect(t1.progress.actual).toBe(12);
    // The day before the hand-over none of them counts yet.
    expect((await target('T1-CERTIFIED', '2021-04-21')).progress.actual).toBe(0);
    expect(t1.progress.asOf).toBe('2021-06-30');
  });

  it('gives T3 per-unit entity counts that match the seed CSV', async () => {
    const t3 = await target('T3-ENTITIES-PER-DISTRICT', '2021-12-31');
    const values = Object.fromEntries(
      t3.progress.perUnit.map((u: { unit: { name: string }; value: number }) => [
        u.unit.name,
        u.value,
      ]),
    );
    expect(values).toEqual({
      'Tịnh Biên': 2,
      'An Phú': 2,
      'Châu Phú': 2,
      'Tân Châu': 1,
      'Thoại Sơn': 1,
      'Phú Tân': 1,
      'Long Xuyên': 0,
      'Châu Đốc': 0,
      'Châu Thành': 0,
      'Chợ Mới': 0,
      'Tri Tôn': 0,
    });
    expect(t3.progress.met).toBe(false);
    const met = t3.progress.perUnit
      .filter((u: { met: boolean }) => u.met)
      .map((u: { unit: { code: string } }) => u.unit.code)
      .sort();
    expect(met).toEqual(['an-phu', 'chau-phu', 'tinh-bien']);
  });

  it('defaults the as-of day of a past plan to its period end', async () => {
    const res = await api.gql('{ plan(year: 2021) { targets { code progress { asOf actual } } } }');
    const t1 = res.data!.plan.targets.find((t: { code: string }) => t.code === 'T1-CERTIFIED');
    expect(t1.progress).toEqual({ asOf: '2021-12-31', actual: 12 });
  });

  it('lets a target’s own asOf override the plan-level one', async () => {
    const res = await api.gql(
      '{ plan(year: 2021) { targets(asOf: "2021-12-31") { code progress(asOf: "2021-06-30") { asOf actual } } } }',
    );
    const t1 = res.data!.plan.targets.find((t: { code: string }) => t.code === 'T1-CERTIFIED');
    expect(t1.progress).toEqual({ asOf: '2021-06-30', actual: 12 });
  });

  it('returns null for a year without a plan', async () => {
    expect((await api.gql('{ plan(year: 1999) { code } }')).data).toEqual({ plan: null });
  });

  it('lists district figures with the unit-level targets each unit meets', async () => {
    const res = await api.gql(
      '{ districts(planYear: 2021, asOf: "2021-12-31") { unit { name } participatingEntities productsEvaluated productsCertified passRate targetsMet } }',
    );
    expect(res.errors).toBeUndefined();
    const byName = Object.fromEntries(
      res.data!.districts.map((d: { unit: { name: string } }) => [d.unit.name, d]),
    );
    expect(res.data!.districts).toHaveLength(11);
    expect(byName['Châu Phú']).toMatchObject({
      participatingEntities: 2,
      productsEvaluated: 4,
      productsCertified: 4,
      passRate: 100,
      targetsMet: ['T3-ENTITIES-PER-DISTRICT'],
    });
    expect(byName['Tân Châu']).toMatchObject({
      participatingEntities: 1,
      productsCertified: 1,
      targetsMet: [],
    });
    expect(byName['Chợ Mới']).toMatchObject({
      participatingEntities: 0,
      productsEvaluated: 0,
      passRate: null,
      targetsMet: [],
    });
  });

  it('lists departments with tasks and sample-flagged activity counts', async () => {
    const res = await api.gql(
      '{ department(code: "SNN") { nameVi isSampleDataIncluded tasks { code role } activityCounts(year: 2021) { kind month count sample } } }',
    );
    expect(res.errors).toBeUndefined();
    const snn = res.data!.department;
    expect(snn.nameVi).toBe('Sở Nông nghiệp và Phát triển nông thôn');
    expect(snn.tasks.map((t: { code: string }) => t.code)).toContain('SNN-1');
    expect(snn.isSampleDataIncluded).toBe(true);
    expect(
      snn.activityCounts.every(
        (c: { sample: boolean; month: string }) => c.sample && c.month.startsWith('2021-'),
      ),
    ).toBe(true);
  });
});
