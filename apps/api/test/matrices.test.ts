// The two matrices of issue 12: the districts scorecard (every district-level unit against the
// plan's per-unit targets, with its certificates by star level) and the departments'
// responsibility matrix (Plan.responsibilities). Real seed values, both dialects; the
// responsibility matrix takes the same number of statements for a body with 5 tasks as for one
// with 2 (no query per task).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpDataVersion } from '../src/modules/data-version/data-version.service.js';
import { createTestApi, type TestApi } from './api.js';
import { DIALECTS } from './db.js';
import { logStatements, type StatementLog } from './statement-log.js';

const SCORECARD = `{ districts(planYear: 2021, asOf: "2021-12-31") {
  unit { code name } productsCertified productsCertified3Star productsCertified4Star productsCertified5Star yearOnlyRecords
  unitTargets { code labelVi target unitLabel value met status statusReasonCode statusReasonParams { name number } } } }`;

const RESPONSIBILITIES = `query R($asOf: Date, $code: String) { plan(year: 2021) {
  responsibilities(asOf: $asOf, departmentCode: $code) {
    task { code role status } department { code nameVi }
    linkedTargets { code progress { status } } recordedActivities sampleActivities } } }`;

interface Row {
  task: { code: string; role: string };
  department: { code: string };
  linkedTargets: { code: string; progress: { status: string } }[];
  recordedActivities: number;
  sampleActivities: number;
}

describe.each(DIALECTS)('matrices of plan 152 (2021) on %s', (kind) => {
  let api: TestApi;
  let log: StatementLog;
  beforeAll(async () => {
    api = await createTestApi(kind);
    log = logStatements(api.orm);
  });
  afterAll(() => api?.close());

  it('scores every district-level unit against T3 with its own status, and counts its certificates by star', async () => {
    const res = await api.gql(SCORECARD);
    expect(res.errors).toBeUndefined();
    const rows = res.data!.districts as {
      unit: { name: string };
      unitTargets: {
        value: number;
        status: string;
        statusReasonParams: { name: string; number: number | null }[];
      }[];
    }[];
    expect(rows).toHaveLength(11);
    const byName = Object.fromEntries(rows.map((r) => [r.unit.name, r]));
    expect(byName['Châu Phú']).toMatchObject({
      productsCertified: 4,
      // Round 1/2021 is dated by year only: each of the 4 products is one evaluation and one
      // decision item dated 2021 (counted from the hand-over on 22/4/2021).
      yearOnlyRecords: 8,
      productsCertified3Star: 4,
      productsCertified4Star: 0,
      productsCertified5Star: 0,
      unitTargets: [
        {
          code: 'T3-ENTITIES-PER-DISTRICT',
          target: 2,
          unitLabel: 'entities',
          value: 2,
          met: true,
          status: 'MET',
          statusReasonCode: 'PERIOD_ENDED_MET',
        },
      ],
    });
    expect(byName['Tân Châu']!.unitTargets[0]).toMatchObject({
      value: 1,
      met: false,
      status: 'MISSED',
    });
    expect(byName['Tân Châu']!.unitTargets[0]!.statusReasonParams).toContainEqual({
      name: 'margin',
      number: -1,
    });
    // 3 of the 11 units reach 2 entities in 2021 (An Phú, Châu Phú, Tịnh Biên).
    expect(rows.filter((r) => r.unitTargets[0]!.status === 'MET').map((r) => r.unit.name)).toEqual([
      'An Phú',
      'Châu Phú',
      'Tịnh Biên',
    ]);
  });

  it('gives the plan target’s perUnit the same per-unit status', async () => {
    const res = await api.gql(`{ plan(year: 2021) { targets(asOf: "2021-12-31") { code
      progress { perUnit { unit { name } value status } } } } }`);
    expect(res.errors).toBeUndefined();
    const t3 = res.data!.plan.targets.find(
      (t: { code: string }) => t.code === 'T3-ENTITIES-PER-DISTRICT',
    );
    expect(t3.progress.perUnit).toContainEqual({
      unit: { name: 'Châu Phú' },
      value: 2,
      status: 'MET',
    });
    expect(t3.progress.perUnit).toContainEqual({
      unit: { name: 'Chợ Mới' },
      value: 0,
      status: 'MISSED',
    });
  });

  it('lists the 16 tasks of plan 152 with body, linked targets and activity counts', async () => {
    const res = await api.gql(RESPONSIBILITIES, { asOf: '2021-12-31' });
    expect(res.errors).toBeUndefined();
    const rows = res.data!.plan.responsibilities as Row[];
    expect(rows).toHaveLength(16);
    expect(rows.map((r) => r.task.code).slice(0, 4)).toEqual(['SNN-1', 'SNN-2', 'SNN-3', 'SCT-1']);
    const huyen = rows.find((r) => r.task.code === 'HUYEN-1')!;
    expect(huyen.department.code).toBe('UBND-HUYEN');
    expect(huyen.task.role).toBe('LEAD');
    expect(huyen.linkedTargets).toEqual([
      { code: 'T3-ENTITIES-PER-DISTRICT', progress: { status: 'MISSED' } },
      { code: 'T4-ENTITY-HAS-PRODUCT', progress: { status: 'MET' } },
    ]);
    // No real activity is published; the seeded demo rows are counted apart.
    expect(rows.every((r) => r.recordedActivities === 0)).toBe(true);
    expect(rows.find((r) => r.task.code === 'SCT-1')!.sampleActivities).toBe(77);
    expect(rows.find((r) => r.task.code === 'SCT-1')!.linkedTargets).toEqual([]);
  });

  it('counts only the activities dated up to the as-of day', async () => {
    const res = await api.gql(RESPONSIBILITIES, { asOf: '2021-01-01', code: 'SCT' });
    expect(res.errors).toBeUndefined();
    const rows = res.data!.plan.responsibilities as Row[];
    expect(rows.map((r) => r.task.code)).toEqual(['SCT-1', 'SCT-2', 'SCT-3']);
    expect(rows.reduce((sum, r) => sum + r.sampleActivities, 0)).toBeLessThan(77 + 18 + 27);
  });

  it('publishes the matrix as /departments/data.csv and metadata.json (the page’s permalink)', async () => {
    const csv = await api.app.inject({
      method: 'GET',
      url: '/departments/data.csv?year=2021&asOf=2021-12-31&lang=vi',
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="ocop-an-giang-departments-2021-2021-12-31.csv"',
    );
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toBe(
      'Mã cơ quan,Cơ quan,Mã nhiệm vụ,Nhiệm vụ,Vai trò,Tình trạng,Chỉ tiêu liên quan,Hoạt động đã ghi nhận,Hoạt động mẫu (không tính)',
    );
    expect(lines).toHaveLength(17); // header + the 16 tasks
    const huyen = lines.find((l) => l.startsWith('UBND-HUYEN,') && l.includes(',HUYEN-1,'))!;
    expect(huyen).toContain(
      'Chủ trì,Chưa thực hiện,T3-ENTITIES-PER-DISTRICT: MISSED; T4-ENTITY-HAS-PRODUCT: MET,0,43',
    );
    const meta = await api.app.inject({
      method: 'GET',
      url: '/departments/metadata.json?year=2021&asOf=2021-12-31&lang=en',
    });
    expect(meta.statusCode).toBe(200);
    expect(meta.json()).toMatchObject({
      title: '152/KH-UBND — Responsibilities 2021',
      asOf: '2021-12-31',
      coverage: { tasks: 16, bodies: 7, recordedActivities: 0 },
    });
    expect(meta.json().permalink).toMatch(/\/departments\?year=2021&asOf=2021-12-31&lang=en$/);
    const none = await api.app.inject({ method: 'GET', url: '/departments/data.csv?year=1999' });
    expect(none.statusCode).toBe(404);
  });

  it('refuses an unknown body code', async () => {
    const res = await api.gql(RESPONSIBILITIES, { code: 'NOPE' });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'departmentCode',
    });
  });

  it('takes the same number of statements for a body with 5 tasks as for one with 2', async () => {
    const count = async (code: string, tasks: number) => {
      await api.orm.em.fork().transactional((tx) => bumpDataVersion(tx));
      log.reset();
      const res = await api.gql(RESPONSIBILITIES, { asOf: '2021-12-31', code });
      expect(res.errors).toBeUndefined();
      expect(res.data!.plan.responsibilities).toHaveLength(tasks);
      return log.statements.length;
    };
    const snn = await count('SNN', 5);
    const huyen = await count('UBND-HUYEN', 2);
    console.log(`[${kind}] statements: SNN (5 tasks) ${snn}, UBND-HUYEN (2 tasks) ${huyen}`);
    expect(snn).toBe(huyen);
  });
});
