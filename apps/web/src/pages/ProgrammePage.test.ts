import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, graphqlFetchStub, settle } from '../testing/setup';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));
afterEach(() => vi.unstubAllGlobals());

const progress = (actual: number | null, status: string) => ({
  asOf: '2025-12-31',
  actual,
  numerator: null,
  denominator: null,
  target: 0,
  targetMax: null,
  status,
  statusRule: 'linear-pace-v2',
  noData: actual == null,
});
const target = (
  id: string,
  code: string,
  metric: string,
  labelVi: string,
  targetValue: number,
  actual: number | null,
  status: string,
  kind = 'COUNT_AT_LEAST',
  targetMax: number | null = null,
) => ({
  id,
  code,
  kind,
  labelVi,
  labelEn: `${labelVi} (en)`,
  metric,
  targetValue,
  targetMax,
  unitLabel: 'products',
  note: null,
  progress: progress(actual, status),
});
const plan = (id: string, year: number, code: string, programme: boolean, targets: unknown[]) => ({
  id,
  year,
  code,
  title: code,
  programme,
  periodStart: `${year}-01-01`,
  periodEnd: programme ? '2025-12-31' : `${year}-12-31`,
  targets,
});

const PROGRAMME = {
  plans: [
    plan('3', 2022, 'KH-OCOP-2022', false, [
      target(
        'a',
        'T1-CERTIFIED',
        'products_first_certified',
        'Sản phẩm mới',
        50,
        12,
        'MISSED',
        'COUNT_BETWEEN',
        70,
      ),
      target('b', 'T1-CERTIFIED-MIN', 'products_first_certified', 'Sản phẩm mới', 35, 12, 'MISSED'),
    ]),
    plan('1', 2021, '152/KH-UBND', false, [
      target(
        'c',
        'T1-CERTIFIED',
        'products_first_certified',
        'Sản phẩm mới 2021',
        20,
        12,
        'MISSED',
      ),
    ]),
    plan('6', 2021, 'CT-OCOP-2021-2025', true, [
      target(
        'p1',
        'P1-PRODUCTS-BY-2025',
        'products_certified_cumulative',
        'Sản phẩm từ 3 sao đến 2025',
        170,
        65,
        'MISSED',
      ),
      target(
        'p6',
        'P6-SHOWROOM',
        'no_data_source',
        'Điểm bán',
        1,
        null,
        'NO_DATA_SOURCE',
        'EACH_UNIT_AT_LEAST',
      ),
    ]),
  ],
  publishedFigures: [
    {
      id: 'f1',
      metric: 'ag_products_3_star_or_more_total',
      value: '62',
      dateLabel: '2021-12',
      date: { value: '2021-12-31', precision: 'MONTH' },
    },
    {
      id: 'f2',
      metric: 'ag_products_3_star_or_more_total',
      value: '184',
      dateLabel: '2025',
      date: { value: '2025-12-31', precision: 'YEAR' },
    },
  ],
};

const TREND = {
  plan: {
    id: '6',
    targets: [
      {
        id: 'p1',
        code: 'P1-PRODUCTS-BY-2025',
        metric: 'products_certified_cumulative',
        targetValue: 170,
        trend: Array.from({ length: 60 }, (_, i) => {
          const year = 2021 + Math.floor(i / 12);
          const month = (i % 12) + 1;
          const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
          return {
            date: `${year}-${String(month).padStart(2, '0')}-${last}`,
            actual: 27 + Math.floor(i / 6),
            target: 170,
          };
        }),
      },
      { id: 'p6', code: 'P6-SHOWROOM', metric: 'no_data_source', targetValue: 1, trend: [] },
    ],
  },
};

describe('Programme page', () => {
  it('shows 2020–2025 by year, both 2022 targets, the programme goals and a cumulative chart with published points', async () => {
    const stub = graphqlFetchStub({
      Programme: PROGRAMME,
      ProgrammeTrend: TREND,
      Reconciliation: {
        reconciliation: {
          coverage: 'The database holds 70 of the 184 products the province published for 2025.',
          coverageVi: 'Cơ sở dữ liệu có 70 trên 184 sản phẩm tỉnh công bố cho thời điểm 2025.',
        },
      },
    });
    vi.stubGlobal('fetch', stub);
    const { plugins } = await createTestApp('/programme');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(12);
    expect(stub.calls.find((c) => c.operation === 'ProgrammeTrend')?.variables).toEqual({
      id: '6',
    });
    // Years from the first plan to the programme's end, 2023–2025 without a yearly plan here.
    for (const year of [2021, 2022, 2023, 2024, 2025])
      expect(wrapper.find(`[data-testid="year-${year}"]`).exists()).toBe(true);
    expect(wrapper.get('[data-testid="year-2024"]').text()).toContain(
      'Không có kế hoạch năm riêng',
    );
    const y2022 = wrapper.get('[data-testid="year-2022"]').text();
    expect(y2022).toContain('50–70');
    expect(y2022).toContain('ít nhất 35');
    expect(wrapper.findAll('[data-testid="sources-disagree"]')).toHaveLength(2);
    const goals = wrapper.get('[data-testid="programme-goals"]');
    expect(goals.get('[data-testid="goal-P1-PRODUCTS-BY-2025"]').text()).toContain('ít nhất 170');
    expect(goals.get('[data-testid="goal-P1-PRODUCTS-BY-2025"]').text()).toContain('65');
    expect(goals.get('[data-testid="goal-P6-SHOWROOM"]').text()).toContain('Chưa có nguồn dữ liệu');
    // One chart (P1 has a published counterpart), 20 quarters; the published totals sit on their quarters.
    const chart = wrapper.get('[data-testid="programme-chart-P1-PRODUCTS-BY-2025"]');
    // The canvas is a lazy chunk (ChartCanvas.vue): wait for it (its first import compiles it).
    const canvas = await vi.waitFor(() => chart.get('[data-testid="chart-canvas"]'), {
      timeout: 20_000,
    });
    expect(canvas.attributes('aria-label')).toContain('mục tiêu 170');
    const rows = chart.findAll('[data-testid="chart-table"] tbody tr').map((r) => r.text());
    expect(rows).toHaveLength(20);
    expect(rows[3]).toContain('Quý 4/2021');
    expect(rows[3]).toContain('62');
    expect(rows[19]).toContain('184');
    expect(wrapper.find('[data-testid="programme-chart-P6-SHOWROOM"]').exists()).toBe(false);
    // Beside the published points, what the database holds on the programme's as-of day.
    expect(stub.calls.find((c) => c.operation === 'Reconciliation')?.variables).toMatchObject({
      asOf: '2025-12-31',
    });
    expect(wrapper.get('[data-testid="overview-coverage"]').text()).toContain(
      'Cơ sở dữ liệu có 70 trên 184 sản phẩm',
    );
    wrapper.unmount();
  });
});
