import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, settle } from '../testing/setup';
import {
  entryFetchStub,
  GraphQLErrorAnswer,
  sessionUser,
  startWithToken,
  type StubCall,
} from '../testing/entry-stub';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));

const plan2025 = {
  id: '6',
  code: 'KH-OCOP-2025',
  year: 2025,
  title: 'Kế hoạch OCOP năm 2025',
  programme: false,
  issuedOn: '2025-02-01',
  periodStart: '2025-01-01',
  periodEnd: '2025-12-31',
};
const programme = {
  id: '2',
  code: 'CT-OCOP-2021-2025',
  year: 2021,
  title: 'Chương trình OCOP 2021–2025',
  programme: true,
  issuedOn: '2021-06-01',
  periodStart: '2021-01-01',
  periodEnd: '2025-12-31',
};
const plan2026 = {
  id: '9',
  code: '35/KH-UBND',
  year: 2026,
  title: 'Kế hoạch thực hiện Chương trình OCOP năm 2026',
  programme: false,
  issuedOn: '2026-02-10',
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
};
const metrics = [
  {
    name: 'products_first_certified',
    definition: 'distinct products whose first OCOP certificate (3★+) is dated in the plan year',
    kinds: ['COUNT_AT_LEAST', 'COUNT_BETWEEN'],
  },
  {
    name: 'provincial_pass_rate',
    definition: 'products evaluated at provincial level that reached 3★ or more',
    kinds: ['SHARE_AT_LEAST'],
  },
  {
    name: 'no_data_source',
    definition: 'Not computed: the facts this target needs are not recorded.',
    kinds: ['COUNT_AT_LEAST', 'COUNT_BETWEEN', 'SHARE_AT_LEAST', 'EACH_UNIT_AT_LEAST'],
  },
];
const departments = [
  { code: 'SNN', nameVi: 'Sở Nông nghiệp và Môi trường', nameEn: 'Department of Agriculture' },
  { code: 'SCT', nameVi: 'Sở Công Thương', nameEn: 'Department of Industry and Trade' },
];
const t1 = {
  id: 't1',
  code: 'T1-CERTIFIED',
  kind: 'COUNT_BETWEEN',
  metric: 'products_first_certified',
  labelVi: 'Sản phẩm được công nhận mới',
  labelEn: 'Newly certified products',
  targetValue: 50,
  targetMax: 70,
  unitLabel: 'products',
  scope: 'province',
  owner: { code: 'SNN' },
};
const detail = (plan: typeof plan2026, extra: Record<string, unknown> = {}) => ({
  plan: { ...plan, targets: [], tasks: [], amendments: [], ...extra },
});

async function openPage(path: string, handlers: Record<string, unknown>) {
  startWithToken();
  const stub = entryFetchStub({
    Me: { me: sessionUser() },
    EntryPlans: { plans: [plan2025, programme] },
    TargetMetrics: { targetMetrics: metrics },
    DepartmentList: { departments },
    ...handlers,
  });
  vi.stubGlobal('fetch', stub);
  const { plugins, router } = await createTestApp(path);
  const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
  await vi.waitFor(() => expect(wrapper.find('[data-testid="plan-list"]').exists()).toBe(true));
  await settle();
  return { wrapper, stub, router };
}

const calls = (stub: { calls: StubCall[] }, operation: string) =>
  stub.calls.filter((c) => c.operation === operation);

describe('plans page', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('is in the secretariat’s entry menu', async () => {
    startWithToken();
    vi.stubGlobal('fetch', entryFetchStub({ Me: { me: sessionUser() } }));
    const { plugins } = await createTestApp('/entry');
    const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="entry-link-plans"]').exists()).toBe(true),
    );
    expect(wrapper.get('[data-testid="entry-link-plans"]').text()).toContain(
      'Kế hoạch và chương trình',
    );
    wrapper.unmount();
  });

  it('keeps a district officer out (the API allows plan writes to the secretariat only)', async () => {
    startWithToken();
    vi.stubGlobal(
      'fetch',
      entryFetchStub({
        Me: {
          me: sessionUser({
            role: 'DISTRICT_OFFICER',
            unit: { code: 'chau-phu', name: 'Châu Phú' },
          }),
        },
      }),
    );
    const { plugins, router } = await createTestApp('/entry/plans');
    const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="entry-denied"]').exists()).toBe(true),
    );
    expect(router.currentRoute.value.path).toBe('/entry');
    wrapper.unmount();
  });

  it('lists the plans, refuses an empty form, then creates a 2026 plan and manages it', async () => {
    let created = false;
    const { wrapper, stub, router } = await openPage('/entry/plans', {
      EntryPlans: () => ({
        plans: created ? [plan2026, plan2025, programme] : [plan2025, programme],
      }),
      CreatePlan: () => {
        created = true;
        return { createPlan: { id: '9', code: '35/KH-UBND', year: 2026 } };
      },
      EntryPlan: detail(plan2026),
    });
    const rows = wrapper.findAll('[data-testid="plan-list"] tbody tr').map((r) => r.text());
    expect(rows[0]).toContain('KH-OCOP-2025');
    expect(rows[0]).toContain('Kế hoạch năm');
    expect(rows[1]).toContain('2021–2025');
    expect(rows[1]).toContain('Chương trình nhiều năm');

    await wrapper.get('[data-testid="plan-create-year"]').setValue('');
    await wrapper.get('[data-testid="plan-create-form"]').trigger('submit');
    await flushPromises();
    expect(calls(stub, 'CreatePlan')).toHaveLength(0);
    expect(wrapper.get('[data-testid="plan-create-code-error"]').text()).toContain(
      'Trường này bắt buộc.',
    );
    expect(wrapper.get('[data-testid="plan-create-year-error"]').text()).toContain(
      'Nhập năm gồm 4 chữ số',
    );
    expect(wrapper.get('[data-testid="plan-create-error"]').text()).toContain('Sửa các ô');

    await wrapper.get('[data-testid="plan-create-code"]').setValue('35/KH-UBND');
    await wrapper.get('[data-testid="plan-create-issued"]').setValue('2026-02-10');
    await wrapper.get('[data-testid="plan-create-year"]').setValue('2026');
    // The period follows the year.
    expect(wrapper.get('[data-testid="plan-create-start"]').element).toHaveProperty(
      'value',
      '2026-01-01',
    );
    expect(wrapper.get('[data-testid="plan-create-end"]').element).toHaveProperty(
      'value',
      '2026-12-31',
    );
    await wrapper.get('[data-testid="plan-create-title"]').setValue(plan2026.title);
    await wrapper.get('[data-testid="plan-create-form"]').trigger('submit');
    await flushPromises();
    await settle();

    expect(calls(stub, 'CreatePlan')[0]?.variables).toEqual({
      input: {
        code: '35/KH-UBND',
        year: 2026,
        title: plan2026.title,
        issuedOn: '2026-02-10',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        programme: false,
      },
    });
    expect(wrapper.get('[data-testid="plan-create-success"]').text()).toContain(
      'Đã tạo kế hoạch 35/KH-UBND năm 2026.',
    );
    expect(wrapper.get('[data-testid="plan-create-overview"]').attributes('href')).toBe(
      '/?year=2026&lang=vi',
    );
    // The list is read again and the new plan is the one being managed.
    expect(calls(stub, 'EntryPlans').length).toBeGreaterThanOrEqual(2);
    expect(router.currentRoute.value.query.plan).toBe('9');
    expect(calls(stub, 'EntryPlan').at(-1)?.variables).toEqual({ id: '9' });
    expect(wrapper.get('[data-testid="plan-detail"]').text()).toContain('Kế hoạch 35/KH-UBND');
    expect(wrapper.find('[data-testid="plan-no-targets"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="plan-row-2026"]').text()).toContain('Đang chọn');
    wrapper.unmount();
  });

  it('puts the API’s VALIDATION_FAILED next to the field it names, keeping what was typed', async () => {
    const { wrapper } = await openPage('/entry/plans', {
      CreatePlan: new GraphQLErrorAnswer('A plan numbered "KH-OCOP-2025" exists already.', {
        code: 'VALIDATION_FAILED',
        field: 'code',
        messageVi: 'Đã có kế hoạch số "KH-OCOP-2025".',
        messageEn: 'A plan numbered "KH-OCOP-2025" exists already.',
      }),
    });
    await wrapper.get('[data-testid="plan-create-code"]').setValue('KH-OCOP-2025');
    await wrapper.get('[data-testid="plan-create-issued"]').setValue('2026-02-10');
    await wrapper.get('[data-testid="plan-create-year"]').setValue('2026');
    await wrapper.get('[data-testid="plan-create-title"]').setValue('Kế hoạch năm 2026');
    await wrapper.get('[data-testid="plan-create-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="plan-create-code-error"]').text()).toContain(
      'Đã có kế hoạch số "KH-OCOP-2025".',
    );
    expect(wrapper.get('[data-testid="plan-create-code"]').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('[data-testid="plan-create-title"]').element).toHaveProperty(
      'value',
      'Kế hoạch năm 2026',
    );
    wrapper.unmount();
  });

  it('adds a range target with a metric that fits its kind, and a department task', async () => {
    const { wrapper, stub } = await openPage('/entry/plans?plan=9', {
      EntryPlan: detail(plan2026),
      AddTarget: { addTarget: { id: 't9', code: 'T1-CERTIFIED' } },
      AddTask: { addTask: { id: 'k1', code: 'SCT-1' } },
    });
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="plan-target-form"]').exists()).toBe(true),
    );
    const metricOptions = () =>
      wrapper
        .findAll('[data-testid="plan-target-metric"] option')
        .map((o) => o.attributes('value'));
    expect(metricOptions()).toEqual(['products_first_certified', 'no_data_source']);
    await wrapper.get('[data-testid="plan-target-kind"]').setValue('SHARE_AT_LEAST');
    expect(metricOptions()).toEqual(['provincial_pass_rate', 'no_data_source']);
    expect(wrapper.get('[data-testid="plan-target-unit"]').element).toHaveProperty(
      'value',
      'percent',
    );
    await wrapper.get('[data-testid="plan-target-kind"]').setValue('COUNT_BETWEEN');
    expect(wrapper.get('[data-testid="plan-target-definition"]').element).toHaveProperty(
      'value',
      metrics[0]!.definition,
    );

    await wrapper.get('[data-testid="plan-target-code"]').setValue('T1-CERTIFIED');
    await wrapper.get('[data-testid="plan-target-value"]').setValue('50');
    await wrapper.get('[data-testid="plan-target-max"]').setValue('40');
    await wrapper.get('[data-testid="plan-target-owner"]').setValue('SNN');
    await wrapper.get('[data-testid="plan-target-label-vi"]').setValue(t1.labelVi);
    await wrapper.get('[data-testid="plan-target-label-en"]').setValue(t1.labelEn);
    await wrapper.get('[data-testid="plan-target-form"]').trigger('submit');
    await flushPromises();
    expect(calls(stub, 'AddTarget')).toHaveLength(0);
    expect(wrapper.get('[data-testid="plan-target-max-error"]').text()).toContain(
      'Giá trị trên phải lớn hơn hoặc bằng giá trị dưới.',
    );

    const readsBefore = calls(stub, 'EntryPlan').length;
    await wrapper.get('[data-testid="plan-target-max"]').setValue('70');
    await wrapper.get('[data-testid="plan-target-form"]').trigger('submit');
    await flushPromises();
    expect(calls(stub, 'AddTarget')[0]?.variables).toEqual({
      planId: '9',
      input: {
        code: 'T1-CERTIFIED',
        kind: 'COUNT_BETWEEN',
        metric: 'products_first_certified',
        targetValue: 50,
        targetMax: 70,
        unitLabel: 'products',
        scope: 'province',
        ownerCode: 'SNN',
        labelVi: t1.labelVi,
        labelEn: t1.labelEn,
        definition: metrics[0]!.definition,
      },
    });
    expect(wrapper.get('[data-testid="plan-target-success"]').text()).toContain(
      'Đã thêm chỉ tiêu T1-CERTIFIED.',
    );
    expect(calls(stub, 'EntryPlan').length).toBe(readsBefore + 1);

    await wrapper.get('[data-testid="plan-task-code"]').setValue('SCT-1');
    await wrapper.get('[data-testid="plan-task-department"]').setValue('SCT');
    await wrapper.get('[data-testid="plan-task-role"]').setValue('COORDINATE');
    await wrapper.get('[data-testid="plan-task-summary-vi"]').setValue('Xúc tiến thương mại');
    await wrapper.get('[data-testid="plan-task-summary-en"]').setValue('Trade promotion');
    await wrapper.get('[data-testid="plan-task-kinds"]').setValue('trade_promotion, fair');
    await wrapper.get('[data-testid="plan-task-form"]').trigger('submit');
    await flushPromises();
    expect(calls(stub, 'AddTask')[0]?.variables).toEqual({
      planId: '9',
      input: {
        code: 'SCT-1',
        departmentCode: 'SCT',
        role: 'COORDINATE',
        summaryVi: 'Xúc tiến thương mại',
        summaryEn: 'Trade promotion',
        activityKinds: ['trade_promotion', 'fair'],
      },
    });
    expect(wrapper.get('[data-testid="plan-task-success"]').text()).toContain(
      'Đã thêm nhiệm vụ SCT-1.',
    );
    wrapper.unmount();
  });

  it('amends a target as a new version and lists the versions', async () => {
    const amendment = {
      id: 'a2',
      number: 2,
      documentCode: '200/KH-UBND',
      issuedOn: '2026-07-01',
      effectiveFrom: '2026-07-01',
      reason: 'Sơ kết 6 tháng',
      changes: [{ code: 'T1-CERTIFIED', targetValue: 55, targetMax: 75 }],
    };
    let amended = false;
    const { wrapper, stub } = await openPage('/entry/plans?plan=9', {
      EntryPlan: () => detail(plan2026, { targets: [t1], amendments: amended ? [amendment] : [] }),
      AmendPlan: (v: Record<string, unknown>) => {
        const input = v.input as { documentCode: string };
        if (input.documentCode === 'bad')
          return new GraphQLErrorAnswer('targetValue -1 must be a number ≥ 0.', {
            code: 'VALIDATION_FAILED',
            field: 'changes.0.targetValue',
            messageVi: 'Giá trị chỉ tiêu -1 phải là số ≥ 0.',
            messageEn: 'targetValue -1 must be a number ≥ 0.',
          });
        amended = true;
        return { amendPlan: { id: 'a2', number: 2 } };
      },
    });
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="plan-amend-form"]').exists()).toBe(true),
    );
    expect(wrapper.get('[data-testid="plan-targets"]').text()).toContain('50–70');
    expect(wrapper.get('[data-testid="plan-no-amendments"]').text()).toContain('phiên bản 1');
    expect(wrapper.get('#plan-amend-target-hint').text()).toContain('50–70');

    await wrapper.get('[data-testid="plan-amend-value"]').setValue('55');
    await wrapper.get('[data-testid="plan-amend-max"]').setValue('75');
    await wrapper.get('[data-testid="plan-amend-document"]').setValue('bad');
    await wrapper.get('[data-testid="plan-amend-issued"]').setValue('2026-07-01');
    await wrapper.get('[data-testid="plan-amend-effective"]').setValue('2026-07-01');
    await wrapper.get('[data-testid="plan-amend-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="plan-amend-value-error"]').text()).toContain(
      'Giá trị chỉ tiêu -1 phải là số ≥ 0.',
    );

    await wrapper.get('[data-testid="plan-amend-document"]').setValue('200/KH-UBND');
    await wrapper.get('[data-testid="plan-amend-reason"]').setValue('Sơ kết 6 tháng');
    await wrapper.get('[data-testid="plan-amend-form"]').trigger('submit');
    await flushPromises();
    await settle();
    expect(calls(stub, 'AmendPlan')[1]?.variables).toEqual({
      planId: '9',
      input: {
        documentCode: '200/KH-UBND',
        issuedOn: '2026-07-01',
        effectiveFrom: '2026-07-01',
        reason: 'Sơ kết 6 tháng',
        changes: [{ code: 'T1-CERTIFIED', targetValue: 55, targetMax: 75 }],
      },
    });
    expect(wrapper.get('[data-testid="plan-amend-success"]').text()).toContain(
      'Đã ghi phiên bản 2 của kế hoạch.',
    );
    const version = wrapper.get('[data-testid="plan-version-2"]').text();
    expect(version).toContain('200/KH-UBND');
    expect(version).toContain('T1-CERTIFIED: 55–75');
    expect(wrapper.get('#plan-amend-target-hint').text()).toContain('55–75');
    wrapper.unmount();
  });

  it('copies the newest year plan to the next year', async () => {
    const { wrapper, stub, router } = await openPage('/entry/plans', {
      CopyPlan: { copyPlan: { id: '9', code: '35/KH-UBND', year: 2026 } },
      EntryPlan: detail(plan2026),
    });
    expect(wrapper.get('[data-testid="plan-copy-from"]').element).toHaveProperty('value', '6');
    expect(wrapper.get('[data-testid="plan-copy-year"]').element).toHaveProperty('value', '2026');
    await wrapper.get('[data-testid="plan-copy-code"]').setValue('35/KH-UBND');
    await wrapper.get('[data-testid="plan-copy-issued"]').setValue('2026-02-10');
    await wrapper.get('[data-testid="plan-copy-form"]').trigger('submit');
    await flushPromises();
    await settle();
    expect(calls(stub, 'CopyPlan')[0]?.variables).toEqual({
      fromPlanId: '6',
      toYear: 2026,
      code: '35/KH-UBND',
      issuedOn: '2026-02-10',
    });
    expect(wrapper.get('[data-testid="plan-copy-success"]').text()).toContain(
      'Đã tạo kế hoạch 35/KH-UBND năm 2026 từ kế hoạch gốc.',
    );
    expect(router.currentRoute.value.query.plan).toBe('9');
    wrapper.unmount();
  });
});
