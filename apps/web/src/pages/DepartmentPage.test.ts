import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, graphqlFetchStub, settle } from '../testing/setup';
import { responsibilities } from '../testing/responsibility-fixtures';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));
afterEach(() => vi.unstubAllGlobals());

const detail = (activities: unknown[]) => ({
  department: {
    id: '1',
    code: 'SNN',
    nameVi: 'Sở Nông nghiệp và PTNT',
    nameEn: 'Department of Agriculture',
    roleVi: 'cơ quan thường trực chương trình OCOP',
    roleEn: 'standing agency of the OCOP programme',
    isSampleDataIncluded: true,
    activityCounts: [
      { kind: 'policy_support', month: '2021-04', count: 2, sample: true },
      { kind: 'policy_support', month: '2021-06', count: 1, sample: false },
    ],
  },
  plan: {
    ...responsibilities.plan,
    responsibilities: responsibilities.plan.responsibilities.slice(0, 2),
  },
  activities: { totalCount: activities.length, edges: activities.map((node) => ({ node })) },
});

const planYears = {
  planYears: [2021],
  plans: [{ id: 'p', year: 2021, code: '152/KH-UBND', programme: false }],
};

describe('Department page', () => {
  it('shows the body’s tasks, its activities per month with a data table, and its recorded activities', async () => {
    const stub = graphqlFetchStub({
      DepartmentDetail: detail([
        {
          id: 'a1',
          kind: 'policy_support',
          date: '2021-06-15',
          count: 1,
          note: 'Hội nghị triển khai chính sách',
          unit: { id: 'u', name: 'Tri Tôn' },
        },
      ]),
      PlanYears: planYears,
    });
    vi.stubGlobal('fetch', stub);
    const { plugins } = await createTestApp('/departments/SNN?year=2021&asOf=2021-12-31');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    const page = wrapper.get('[data-testid="department-page"]');
    expect(page.get('h1').text()).toContain('Sở Nông nghiệp và PTNT');
    expect(page.get('[data-testid="sample-label"]').text()).toContain('Dữ liệu mẫu');
    expect(page.get('[data-testid="department-role"]').text()).toBe(
      'cơ quan thường trực chương trình OCOP',
    );
    expect(page.findAll('[data-testid="matrix-row"]')).toHaveLength(2);
    // The chart's data table: April, May (0), June; labelled for screen readers.
    const table = await vi.waitFor(() => page.get('[data-testid="chart-table"]'), {
      timeout: 20_000,
    });
    expect(table.findAll('tbody tr')).toHaveLength(3);
    expect(page.find('[data-testid="activity-chart-SNN"]').exists()).toBe(true);
    const list = page.get('[data-testid="activity-list"]');
    expect(list.findAll('tbody tr')).toHaveLength(1);
    expect(list.text()).toContain('15/06/2021');
    expect(list.text()).toContain('Tri Tôn');
    expect(list.text()).toContain('Hội nghị triển khai chính sách');
    expect(stub.calls.find((c) => c.operation === 'DepartmentDetail')?.variables).toEqual({
      code: 'SNN',
      year: 2021,
      planYear: 2021,
      asOf: '2021-12-31',
      from: '2021-01-01',
      to: '2021-12-31',
      first: 50,
    });
    // Back to the matrix with the same period.
    expect(page.get('a[href^="/departments?"]').attributes('href')).toBe(
      '/departments?lang=vi&year=2021&asOf=2021-12-31',
    );
    wrapper.unmount();
  });

  it('says when no activity is recorded (sample rows are not listed)', async () => {
    vi.stubGlobal(
      'fetch',
      graphqlFetchStub({ DepartmentDetail: detail([]), PlanYears: planYears }),
    );
    const { plugins } = await createTestApp('/departments/SNN?year=2021&lang=en', 'en');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    expect(wrapper.get('[data-testid="activity-list-empty"]').text()).toBe(
      'No activity is recorded (sample data left out) in 2021.',
    );
    wrapper.unmount();
  });
});
