import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, graphqlFetchStub, settle } from '../testing/setup';
import { progress, target } from '../testing/fixtures';
import { PLAN_LIST, planAnswer } from '../testing/plan-fixtures';
import type { TargetStatus } from '../graphql/types';

afterEach(() => vi.unstubAllGlobals());

const T = (code: string, status: TargetStatus, id = code) =>
  target({ id, code, progress: progress({ status, actual: 3 }) });

const TARGETS = [
  T('A', 'ACHIEVED'),
  T('B', 'ACHIEVED'),
  T('C', 'MET'),
  T('D', 'AT_RISK'),
  T('E', 'AT_RISK'),
  T('F', 'NO_DATA_SOURCE'),
  T('G', 'ON_TRACK'),
  T('H', 'OFF_TRACK'),
];

function stub(over: Record<string, unknown> = {}) {
  return graphqlFetchStub({
    PlanYears: PLAN_LIST,
    Plan: (vars: Record<string, unknown>) =>
      vars.id === '6'
        ? planAnswer([T('P1', 'ON_TRACK')], { id: '6', code: 'CT-OCOP-2021-2025', programme: true })
        : vars.year === 2024
          ? { plan: null }
          : planAnswer(TARGETS),
    PlanTrends: {
      plan: {
        id: '1',
        targets: TARGETS.map((t) => ({
          id: t.id,
          code: t.code,
          trend: [
            { date: '2021-01-31', actual: 0, ratio: 0, status: 'NOT_STARTED' },
            { date: '2021-02-28', actual: 2, ratio: 0.1, status: 'AT_RISK' },
            { date: '2021-03-31', actual: null, ratio: null, status: 'NOT_STARTED' },
          ],
        })),
      },
    },
    ExpiryCount: { expiryRadar: { asOf: '2021-12-31', days: 90, count: 4 } },
    Reconciliation: {
      reconciliation: {
        computed: 39,
        publishedCount: 62,
        difference: 23,
        coverage: 'The database holds 39 of the 62 products published by 31/12/2021.',
        coverageVi: 'Cơ sở dữ liệu có 39 trong 62 sản phẩm đã công bố đến 31/12/2021.',
        published: null,
      },
    },
    ...over,
  });
}

describe('Overview page', () => {
  it('starts with the one-line summary, counts the expiry radar and draws a sparkline per card', async () => {
    const fetchStub = stub();
    vi.stubGlobal('fetch', fetchStub);
    const { plugins } = await createTestApp('/?year=2021');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(12);
    expect(wrapper.get('[data-testid="overview-summary"]').text()).toBe(
      '3 trên 8 chỉ tiêu đã đạt, 1 đúng tiến độ, 2 có nguy cơ, 1 chậm tiến độ, 1 chưa có nguồn số liệu.',
    );
    expect(wrapper.get('[data-testid="expiry-count"]').text()).toBe(
      '4 giấy chứng nhận hết hạn trong 90 ngày kể từ 31/12/2021',
    );
    expect(wrapper.get('[data-testid="expiry-link"]').attributes('href')).toContain(
      '/expiry?asOf=2021-12-31&days=90',
    );
    // Under the cards: how much of the published programme the figures rest on, for the same day.
    expect(wrapper.get('[data-testid="overview-coverage"]').text()).toContain(
      'Mức độ đầy đủ của dữ liệu: Cơ sở dữ liệu có 39 trong 62 sản phẩm đã công bố đến 31/12/2021.',
    );
    expect(fetchStub.calls.find((c) => c.operation === 'Reconciliation')?.variables).toMatchObject({
      measure: 'PRODUCTS',
      basis: 'EVER_CERTIFIED',
      asOf: '2021-12-31',
    });
    expect(wrapper.get('[data-testid="coverage-link"]').attributes('href')).toContain(
      '/figures?asOf=2021-12-31',
    );
    const spark = wrapper.get('[data-testid="sparkline-A"]');
    expect(spark.get('svg').attributes('role')).toBe('img');
    expect(spark.get('svg').attributes('aria-label')).toContain('Xu hướng theo cuối tháng');
    // A month without data breaks the line and shows as "–" in the table, never as 0.
    expect(spark.findAll('polyline')).toHaveLength(1);
    const cells = spark.findAll('tbody tr').map((r) => r.text());
    expect(cells[2]).toContain('–');
    // The trend is asked apart from the plan, with the same plan and date.
    const trendCall = fetchStub.calls.find((c) => c.operation === 'PlanTrends');
    expect(trendCall?.variables).toMatchObject({ year: 2021, asOf: '2021-12-31' });
    // Two plans cover 2021: the selector offers both.
    const options = wrapper.get('[data-testid="plan-select"]').findAll('option');
    expect(options.map((o) => o.text())).toEqual([
      '152/KH-UBND (kế hoạch năm 2021)',
      'CT-OCOP-2021-2025 (chương trình 2021–2025)',
    ]);
    wrapper.unmount();
  });

  it('says it in English', async () => {
    vi.stubGlobal('fetch', stub());
    const { plugins } = await createTestApp('/?year=2021', 'en');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(12);
    expect(wrapper.get('[data-testid="overview-summary"]').text()).toBe(
      '3 of 8 targets met, 1 on track, 2 at risk, 1 off track, 1 without data.',
    );
    wrapper.unmount();
  });

  it('shows the programme for a year without a plan of its own (2024), and the plan of the URL', async () => {
    const fetchStub = stub();
    vi.stubGlobal('fetch', fetchStub);
    const { plugins, router } = await createTestApp('/?year=2024');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(14);
    expect(fetchStub.calls.some((c) => c.operation === 'Plan' && c.variables.id === '6')).toBe(
      true,
    );
    expect(wrapper.get('[data-testid="programme-fallback"]').text()).toContain('CT-OCOP-2021-2025');
    // The year selector lists the API's planYears (2024 is inside the programme).
    const years = wrapper.get('[data-testid="year-select"]').findAll('option');
    expect(years.map((o) => o.text())).toEqual(['2020', '2021', '2022', '2023', '2024', '2025']);

    await router.replace('/?year=2021&plan=6');
    await settle(12);
    expect(router.currentRoute.value.query.plan).toBe('6');
    expect(fetchStub.calls.filter((c) => c.operation === 'Plan').at(-1)?.variables).toMatchObject({
      id: '6',
    });
    expect(wrapper.find('[data-testid="programme-fallback"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
