import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, graphqlFetchStub, settle } from '../testing/setup';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));
afterEach(() => vi.unstubAllGlobals());

const departments = {
  departments: [
    {
      id: '1',
      code: 'BAG',
      nameVi: 'Báo An Giang',
      nameEn: 'An Giang Newspaper',
      role: 'OCOP column in the newspaper',
      isSampleDataIncluded: true,
      tasks: [
        {
          id: 't1',
          code: 'MEDIA-2',
          role: 'LEAD',
          summaryVi: 'Chuyên mục OCOP trên Báo An Giang',
          summaryEn: 'OCOP column in the newspaper',
          activityKinds: ['media_piece'],
          linkedTargets: [{ id: 'x', code: 'T1-CERTIFIED', labelVi: 'Sản phẩm 3 sao', labelEn: '3★ products', progress: { status: 'ON_TRACK', statusReason: 'ok' } }],
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
    vi.stubGlobal('fetch', graphqlFetchStub({ Departments: departments, PlanYears: { plans: [] } }));
    const { plugins } = await createTestApp('/departments');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    const card = wrapper.get('[data-testid="department-BAG"]');
    expect(card.get('[data-testid="sample-label"]').text()).toContain('Dữ liệu mẫu');
    expect(card.get('[data-testid="task-MEDIA-2"]').text()).toContain('Chuyên mục OCOP trên Báo An Giang');
    expect(card.get('[data-testid="target-status"]').text()).toContain('Đúng tiến độ');
    const table = card.get('[data-testid="chart-table"]');
    expect(table.text()).toContain('Tin bài, chuyên mục');
    expect(table.findAll('tbody tr')).toHaveLength(3); // April, May (0), June
    wrapper.unmount();
  });
});
