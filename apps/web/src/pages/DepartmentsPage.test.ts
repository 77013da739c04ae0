import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, graphqlFetchStub, settle } from '../testing/setup';
import { progress, target } from '../testing/fixtures';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));
afterEach(() => vi.unstubAllGlobals());

const departments = {
  departments: [
    {
      id: '1',
      code: 'BAG',
      nameVi: 'Báo An Giang',
      nameEn: 'An Giang Newspaper',
      roleVi: 'chuyên mục OCOP trên báo',
      roleEn: 'OCOP column in the newspaper',
      isSampleDataIncluded: true,
      tasks: [
        {
          id: 't1',
          code: 'MEDIA-2',
          role: 'LEAD',
          summaryVi: 'Chuyên mục OCOP trên Báo An Giang',
          summaryEn: 'OCOP column in the newspaper',
          activityKinds: ['media_piece'],
          linkedTargets: [{ id: 'x', code: 'T1-CERTIFIED' }],
        },
      ],
      activityCounts: [
        { kind: 'media_piece', month: '2021-04', count: 2, sample: true },
        { kind: 'media_piece', month: '2021-06', count: 1, sample: true },
      ],
    },
  ],
};

describe('Departments page', () => {
  it('lists tasks with linked target status and labels sample data', async () => {
    const plan = {
      plan: {
        id: 'p',
        year: 2021,
        code: '152/KH-UBND',
        title: 'Kế hoạch',
        issuedOn: '2021-03-24',
        periodStart: '2021-01-01',
        periodEnd: '2021-12-31',
        targets: [target({ progress: progress({ status: 'ON_TRACK', statusReason: 'ok' }) })],
      },
    };
    vi.stubGlobal(
      'fetch',
      graphqlFetchStub({ Departments: departments, Plan: plan, PlanYears: { plans: [] } }),
    );
    const { plugins } = await createTestApp('/departments');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    const card = wrapper.get('[data-testid="department-BAG"]');
    expect(card.get('[data-testid="sample-label"]').text()).toContain('Dữ liệu mẫu');
    // The role in the page's language (Vietnamese first), from departments.csv role_vi.
    expect(card.get('[data-testid="department-role"]').text()).toBe('chuyên mục OCOP trên báo');
    expect(card.get('[data-testid="task-MEDIA-2"]').text()).toContain(
      'Chuyên mục OCOP trên Báo An Giang',
    );
    expect(card.get('[data-testid="task-MEDIA-2"]').text()).toContain(
      'Sản phẩm được công nhận OCOP',
    );
    expect(card.get('[data-testid="target-status"]').text()).toContain('Đúng tiến độ');
    const table = card.get('[data-testid="chart-table"]');
    expect(table.text()).toContain('Tin bài, chuyên mục');
    expect(table.findAll('tbody tr')).toHaveLength(3); // April, May (0), June
    wrapper.unmount();
  });
});
