import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, graphqlFetchStub, settle } from '../testing/setup';
import { responsibilities } from '../testing/responsibility-fixtures';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));
afterEach(() => vi.unstubAllGlobals());

const planYears = {
  planYears: [2021],
  plans: [{ id: 'p', year: 2021, code: '152/KH-UBND', programme: false }],
};

describe('Departments page', () => {
  it('shows one matrix row per task, grouped by body, with linked targets’ status and recorded activities', async () => {
    const stub = graphqlFetchStub({ Responsibilities: responsibilities, PlanYears: planYears });
    vi.stubGlobal('fetch', stub);
    const { plugins } = await createTestApp('/departments?year=2021&asOf=2021-12-31');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    const matrix = wrapper.get('[data-testid="responsibility-matrix"]');
    expect(matrix.get('caption').text()).toBe(
      'Phân công nhiệm vụ của 152/KH-UBND, tính đến 31/12/2021',
    );
    expect(
      matrix.findAll('[data-testid="matrix-row"]').map((r) => r.attributes('data-task')),
    ).toEqual(['SNN-1', 'SNN-2', 'HUYEN-1']);
    // One row group per body: its name spans its tasks and links to its page with the period.
    const snnGroup = matrix.get('[data-testid="matrix-body-SNN"]');
    const header = snnGroup.get('th[scope="rowgroup"]');
    expect(header.attributes('rowspan')).toBe('2');
    expect(header.get('a').text()).toBe('Sở Nông nghiệp và PTNT');
    expect(header.get('a').attributes('href')).toBe(
      '/departments/SNN?lang=vi&year=2021&asOf=2021-12-31',
    );
    const first = snnGroup.findAll('tr')[0]!;
    expect(first.text()).toContain('Chủ trì');
    expect(first.text()).toContain('Chưa thực hiện');
    // The body's linked targets grouped by status, each status in words and icon, codes shortened with the labels as title.
    const statuses = first.findAll('[data-testid="target-status"]');
    expect(statuses.map((s) => s.text())).toEqual([
      '✖ Không đạt (đã kết thúc kỳ): T1, T2',
      '⚑ Dữ liệu mẫu: T7',
    ]);
    expect(statuses[0]!.get('abbr').attributes('title')).toBe(
      'T1: Sản phẩm được công nhận OCOP từ 3 sao trở lên trong năm; T2: Sản phẩm tham gia đánh giá phân hạng cấp quốc gia',
    );
    // The body's targets are the same for each of its tasks: one cell spans the body's rows.
    expect(first.get('.matrix__targets-cell').attributes('rowspan')).toBe('2');
    // Recorded activities only; sample rows are shown apart, flagged.
    expect(first.get('[data-testid="matrix-recorded-count"]').text()).toBe('0');
    expect(first.get('[data-testid="matrix-recorded"] .tag--sample').text()).toBe('⚑ 19 mẫu');
    const second = snnGroup.findAll('tr')[1]!;
    expect(second.text()).toContain('Phối hợp');
    expect(second.text()).toContain('Đang thực hiện');
    expect(second.get('[data-testid="matrix-recorded"]').text()).toBe('3');
    expect(stub.calls.find((c) => c.operation === 'Responsibilities')?.variables).toEqual({
      year: 2021,
      asOf: '2021-12-31',
    });
    wrapper.unmount();
  });

  it('says so when the plan assigns no task', async () => {
    vi.stubGlobal(
      'fetch',
      graphqlFetchStub({
        Responsibilities: { plan: { ...responsibilities.plan, responsibilities: [] } },
        PlanYears: planYears,
      }),
    );
    const { plugins } = await createTestApp('/departments?year=2021&lang=en', 'en');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    expect(wrapper.text()).toContain('This plan assigns no task to a body.');
    expect(wrapper.find('[data-testid="responsibility-matrix"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
