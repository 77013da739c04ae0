// Plans as data: the published plans 2020–2025 and the 2021–2025 programme from the seed
// (data/seed/plan-targets-2020-2025.csv; facts from data/seed/products-2020-2021.csv), and the
// secretariat's plan writes (create, targets, tasks, copy, amend) on both dialects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './db.js';
import { createTestApi, type Json, type TestApi } from './api.js';
import { clientFor, createActors, errorOf, signIn, type Client } from './auth-helpers.js';

const PROGRESS =
  'progress { actual target targetMax met status noData noDataSource numerator denominator }';
const byCode = (targets: Json[]) => new Map(targets.map((t: Json) => [t.code, t]));

const CREATE_PLAN = `mutation($input: PlanInput!) { createPlan(input: $input) { id code year programme periodStart periodEnd } }`;
const ADD_TARGET = `mutation($planId: ID!, $input: TargetInput!) { addTarget(planId: $planId, input: $input) { id code version metric } }`;
const PLAN_2026 = {
  code: '99/KH-UBND',
  year: 2026,
  title: 'Kế hoạch OCOP năm 2026',
  issuedOn: '2026-02-10',
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
};
const TARGET_3STAR = {
  code: 'T1-3STAR',
  kind: 'COUNT_AT_LEAST',
  metric: 'products_certified_3star',
  targetValue: 30,
  unitLabel: 'products',
  scope: 'province',
  ownerCode: 'SNN',
  labelVi: 'Sản phẩm đạt 3 sao trong năm',
  labelEn: 'Products certified 3★ in the year',
  definition: 'distinct products whose certificate dated in the plan year is 3★',
};

describe.each(DIALECTS)('plans 2020–2025 on %s', (kind) => {
  let api: TestApi;
  let secretariat: Client;
  beforeAll(async () => {
    api = await createTestApi(kind);
    await createActors(api.orm);
    secretariat = await signIn(api, 'secretariat');
  });
  afterAll(() => api?.close());

  it('lists plan 152 beside the published plans of 2020, 2022, 2023, 2025 and the 2021–2025 programme', async () => {
    const res = await api.gql('{ plans { code year programme periodStart periodEnd } planYears }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.plans.map((p: Json) => [p.code, p.year, p.programme])).toEqual([
      ['KH-OCOP-2025', 2025, false],
      ['KH-OCOP-2023', 2023, false],
      ['KH-OCOP-2022', 2022, false],
      ['152/KH-UBND', 2021, false],
      ['CT-OCOP-2021-2025', 2021, true],
      ['KH-OCOP-2020', 2020, false],
    ]);
    expect(res.data!.plans[4]).toMatchObject({
      periodStart: '2021-01-01',
      periodEnd: '2025-12-31',
    });
    expect(res.data!.planYears).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    // plan(year) gives the year's plan, not the programme starting that year.
    expect((await api.gql('{ plan(year: 2021) { code } }')).data!.plan.code).toBe('152/KH-UBND');
  });

  it('lists the metrics a target may name and the kinds each fits (for the plan form)', async () => {
    const res = await api.gql('{ targetMetrics { name kinds definition } }');
    expect(res.errors).toBeUndefined();
    const metrics = new Map<string, Json>(res.data!.targetMetrics.map((m: Json) => [m.name, m]));
    expect(metrics.get('products_certified_3star').kinds).toEqual([
      'COUNT_AT_LEAST',
      'COUNT_BETWEEN',
    ]);
    expect(metrics.get('provincial_pass_rate').kinds).toEqual(['SHARE_AT_LEAST']);
    expect(metrics.get('entities_participating_per_unit').kinds).toEqual(['EACH_UNIT_AT_LEAST']);
    expect(metrics.get('no_data_source').kinds).toHaveLength(4);
    // The last entry is no_data_source; every other is a computed metric with its definition.
    expect(res.data!.targetMetrics.at(-1).name).toBe('no_data_source');
    expect(res.data!.targetMetrics.every((m: Json) => m.definition.length > 10)).toBe(true);
  });

  it('keeps both 2022 figures where the sources disagree (50–70 and at least 35)', async () => {
    const res = await api.gql(
      `{ plan(year: 2022) { targets(asOf: "2022-12-31") { code kind targetValue targetMax note } } }`,
    );
    const targets = byCode(res.data!.plan.targets);
    expect(targets.get('T1-CERTIFIED')).toMatchObject({
      kind: 'COUNT_BETWEEN',
      targetValue: 50,
      targetMax: 70,
    });
    expect(targets.get('T1-CERTIFIED').note).toContain('at least 35');
    expect(targets.get('T1-CERTIFIED-MIN')).toMatchObject({
      kind: 'COUNT_AT_LEAST',
      targetValue: 35,
      targetMax: null,
    });
    expect(targets.get('T1-CERTIFIED-MIN').note).toContain('50–70');
  });

  it('computes the programme cumulatively since its start and says which targets have no data source', async () => {
    const res = await api.gql(
      `{ plans { code targets(asOf: "2025-12-31") { code metric ${PROGRESS} } } }`,
    );
    const programme = res.data!.plans.find((p: Json) => p.code === 'CT-OCOP-2021-2025');
    const targets = byCode(programme.targets);
    // Every product the seed certifies 3★+ up to 2025 (products-2020-2021.csv, products-2022.csv),
    // the 27 of 2020, certified before the programme started, included.
    expect(targets.get('P1-PRODUCTS-BY-2025').progress).toMatchObject({
      actual: 65,
      target: 170,
      met: false,
    });
    expect(targets.get('P2-FIVE-STAR-BY-2025').progress).toMatchObject({ actual: 2, target: 10 });
    expect(targets.get('P4-COOPERATIVE-SHARE').progress).toMatchObject({
      numerator: 4,
      denominator: 39,
      actual: 10.26,
    });
    expect(targets.get('P5-SME-SHARE').progress).toMatchObject({
      numerator: 14,
      denominator: 39,
      met: true,
      // 2025-12-31 ends the programme: the status is final (linear-pace-v2, issue 9).
      status: 'MET',
    });
    expect(targets.get('P6-SHOWROOM-PER-DISTRICT')).toMatchObject({
      metric: 'no_data_source',
      progress: { actual: null, noData: true, noDataSource: true, status: 'NO_DATA_SOURCE' },
    });
    const plan2020 = byCode(res.data!.plans.find((p: Json) => p.code === 'KH-OCOP-2020').targets);
    expect(plan2020.get('T1-CERTIFIED').progress).toMatchObject({ actual: 27, target: 30 });
    expect(plan2020.get('T4-SALES-POINTS').progress.noDataSource).toBe(true);
  });

  it('gives district figures for 2022 and explains a year without a plan', async () => {
    const res = await api.gql(
      '{ districts(planYear: 2022, asOf: "2022-12-31") { unit { code } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.districts).toHaveLength(11);
    const none = await api.gql('{ districts(planYear: 2030) { unit { code } } }');
    expect(errorOf(none)).toMatchObject({
      code: 'NOT_FOUND',
      field: 'planYear',
      planYears: [2020, 2021, 2022, 2023, 2024, 2025],
    });
  });

  it('lets only the secretariat create a plan', async () => {
    for (const client of [clientFor(api, null), await signIn(api, 'viewer')]) {
      const res = await client.gql(CREATE_PLAN, { input: { ...PLAN_2026, code: 'X/2026' } });
      expect(res.errors?.[0]?.extensions.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    }
    expect((await api.gql('{ plan(year: 2026) { code } }')).data!.plan).toBeNull();
  });

  it('creates a 2026 plan with targets and a task, refusing bad input by field', async () => {
    const created = await secretariat.gql(CREATE_PLAN, { input: PLAN_2026 });
    expect(created.errors).toBeUndefined();
    const planId = created.data!.createPlan.id;
    expect(created.data!.createPlan).toMatchObject({ year: 2026, programme: false });

    const t1 = await secretariat.gql(ADD_TARGET, { planId, input: TARGET_3STAR });
    expect(t1.errors).toBeUndefined();
    const t2 = await secretariat.gql(ADD_TARGET, {
      planId,
      input: {
        ...TARGET_3STAR,
        code: 'T2-SHOWROOMS',
        metric: 'no_data_source',
        targetValue: 2,
        unitLabel: 'sales points',
        labelVi: 'Điểm bán sản phẩm OCOP',
        labelEn: 'OCOP sales points',
        definition: 'OCOP sales points opened (not recorded: no data source)',
      },
    });
    expect(t2.errors).toBeUndefined();

    const wrongShape = await secretariat.gql(ADD_TARGET, {
      planId,
      input: { ...TARGET_3STAR, code: 'T3', metric: 'entities_cooperative_share' },
    });
    expect(errorOf(wrongShape)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'metric' });
    const duplicate = await secretariat.gql(ADD_TARGET, { planId, input: TARGET_3STAR });
    expect(errorOf(duplicate)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'code' });
    const range = await secretariat.gql(ADD_TARGET, {
      planId,
      input: { ...TARGET_3STAR, code: 'T4', kind: 'COUNT_BETWEEN', targetValue: 50 },
    });
    expect(errorOf(range)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'targetMax' });
    const badPeriod = await secretariat.gql(CREATE_PLAN, {
      input: { ...PLAN_2026, code: 'Y/2026', periodEnd: '2027-12-31' },
    });
    expect(errorOf(badPeriod)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'periodStart' });

    const task = await secretariat.gql(
      `mutation($planId: ID!, $input: TaskInput!) { addTask(planId: $planId, input: $input) { code role department { code } } }`,
      {
        planId,
        input: {
          code: 'SCT-1',
          departmentCode: 'SCT',
          role: 'LEAD',
          summaryVi: 'Mở điểm bán sản phẩm OCOP',
          summaryEn: 'Open OCOP sales points',
          activityKinds: ['trade_promotion'],
        },
      },
    );
    expect(task.data!.addTask).toEqual({
      code: 'SCT-1',
      role: 'LEAD',
      department: { code: 'SCT' },
    });

    const plan = await api.gql(
      `{ plan(year: 2026) { code targets(asOf: "2026-06-30") { code ${PROGRESS} } tasks { code } } }`,
    );
    expect(plan.data!.plan.targets.map((t: Json) => t.code)).toEqual(['T1-3STAR', 'T2-SHOWROOMS']);
    expect(plan.data!.plan.targets[0].progress).toMatchObject({ actual: 0, target: 30 });
    expect(plan.data!.plan.targets[1].progress.noDataSource).toBe(true);

    const audit = await (
      await signIn(api, 'admin')
    ).gql('{ auditLog(first: 20) { edges { node { action recordType } } } }');
    expect(audit.errors).toBeUndefined();
    const actions = audit.data!.auditLog.edges.map((e: Json) => e.node.action);
    expect(actions).toEqual(expect.arrayContaining(['createPlan', 'addTarget', 'addTask']));
  });

  it('amends a plan as a new version: figures before the effective day keep the old value', async () => {
    const { data } = await api.gql('{ plan(year: 2022) { id versionInForce } }');
    expect(data!.plan.versionInForce).toBe(1);
    const res = await secretariat.gql(
      `mutation($planId: ID!, $input: PlanAmendmentInput!) { amendPlan(planId: $planId, input: $input) { number effectiveFrom changes { code targetValue } } }`,
      {
        planId: data!.plan.id,
        input: {
          documentCode: '200/KH-UBND',
          issuedOn: '2022-07-01',
          effectiveFrom: '2022-07-01',
          reason: 'Mid-year review',
          changes: [{ code: 'T1-CERTIFIED-MIN', targetValue: 40 }],
        },
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.amendPlan).toMatchObject({ number: 2, effectiveFrom: '2022-07-01' });
    const figures = await api.gql(`{ plan(year: 2022) {
      june: versionInForce(asOf: "2022-06-30") dec: versionInForce(asOf: "2022-12-31")
      targets { code june: progress(asOf: "2022-06-30") { target } dec: progress(asOf: "2022-12-31") { target } }
      amendments { number documentCode } } }`);
    expect(figures.data!.plan).toMatchObject({ june: 1, dec: 2 });
    const min = byCode(figures.data!.plan.targets).get('T1-CERTIFIED-MIN');
    expect(min).toMatchObject({ june: { target: 35 }, dec: { target: 40 } });
    expect(figures.data!.plan.amendments).toEqual([{ number: 2, documentCode: '200/KH-UBND' }]);

    const unknown = await secretariat.gql(
      `mutation($planId: ID!, $input: PlanAmendmentInput!) { amendPlan(planId: $planId, input: $input) { number } }`,
      {
        planId: data!.plan.id,
        input: {
          documentCode: '201/KH-UBND',
          issuedOn: '2022-08-01',
          effectiveFrom: '2022-08-01',
          changes: [{ code: 'NOPE', targetValue: 1 }],
        },
      },
    );
    expect(errorOf(unknown)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'changes.0.code' });
  });

  it('copies a plan to a new year with its targets and tasks, and corrects a target by version', async () => {
    const { data } = await api.gql('{ plan(year: 2021) { id } }');
    const copy = await secretariat.gql(
      `mutation($from: ID!) { copyPlan(fromPlanId: $from, toYear: 2027, code: "10/KH-UBND", issuedOn: "2026-11-20") {
        id year periodStart periodEnd title targets { id code targetValue version } tasks { code status } } }`,
      { from: data!.plan.id },
    );
    expect(copy.errors).toBeUndefined();
    const plan = copy.data!.copyPlan;
    expect(plan).toMatchObject({ year: 2027, periodStart: '2027-01-01', periodEnd: '2027-12-31' });
    expect(plan.title).toContain('2027');
    expect(plan.targets).toHaveLength(8);
    expect(plan.tasks).toHaveLength(16);
    expect(plan.tasks.every((t: Json) => t.status === 'NOT_STARTED')).toBe(true);

    const t1 = plan.targets.find((t: Json) => t.code === 'T1-CERTIFIED');
    const UPDATE = `mutation($id: ID!, $v: Int!, $input: TargetUpdateInput!) { updateTarget(id: $id, version: $v, input: $input) { targetValue version } }`;
    const updated = await secretariat.gql(UPDATE, {
      id: t1.id,
      v: t1.version,
      input: { targetValue: 25 },
    });
    expect(updated.data!.updateTarget).toEqual({ targetValue: 25, version: t1.version + 1 });
    const stale = await secretariat.gql(UPDATE, {
      id: t1.id,
      v: t1.version,
      input: { targetValue: 26 },
    });
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT');
  });
});
