import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, graphqlFetchStub, settle } from '../testing/setup';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));

const unit = (code: string, name: string, entities: number) => ({
  unit: { id: code, code, name, type: 'DISTRICT', typeVi: 'huyện' },
  participatingEntities: entities,
  productsEvaluated: entities,
  productsCertified: Math.max(0, entities - 1),
  passRate: entities ? 50 : null,
  targetsMet: [],
});

afterEach(() => vi.unstubAllGlobals());

describe('Districts page', () => {
  it('draws the chart with the 2-entity line, a tile per unit, and opens a unit’s products and entities', async () => {
    const stub = graphqlFetchStub({
      Districts: { districts: [unit('tri-ton', 'Tri Tôn', 3), unit('an-phu', 'An Phú', 1)] },
      PlanYears: { plans: [{ id: 'p', year: 2021, code: '152/KH-UBND' }] },
      Products: {
        products: {
          totalCount: 1,
          pageInfo: { hasNextPage: false, endCursor: null },
          edges: [
            {
              cursor: 'c',
              node: {
                id: '9',
                name: 'Đường thốt nốt sệt Palmania',
                commune: null,
                currentStars: 4,
                unit: null,
                entity: null,
                group148: null,
                group1048: null,
                latestDecision: null,
                certificate: null,
              },
            },
          ],
        },
      },
      Entities: {
        entities: {
          totalCount: 1,
          pageInfo: { hasNextPage: false, endCursor: null },
          edges: [
            {
              cursor: 'c',
              node: {
                id: 'e',
                name: 'Công ty Cổ phần Palmania',
                type: 'ENTERPRISE',
                commune: 'thị trấn Tri Tôn',
                products: [],
              },
            },
          ],
        },
      },
    });
    vi.stubGlobal('fetch', stub);
    const { plugins, router } = await createTestApp('/districts');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);

    // The canvas is a lazy chunk (ChartCanvas.vue): wait for it, not for a number of ticks.
    // (first import compiles it: seconds on a busy CI machine, so a generous hang guard).
    const canvas = await vi.waitFor(
      () => wrapper.get('[data-testid="districts-chart"] [data-testid="chart-canvas"]'),
      { timeout: 20_000 },
    );
    expect(canvas.attributes('role')).toBe('img');
    expect(JSON.parse(canvas.attributes('data-datasets') ?? '[]')).toEqual([
      'Chủ thể tham gia',
      'Sản phẩm được công nhận',
      'Ngưỡng ≥ 2 chủ thể',
    ]);
    expect(
      wrapper.get('[data-testid="districts-chart"] [data-testid="chart-table"]').text(),
    ).toContain('Tri Tôn');

    // Every column says what it counts, and why /figures can read more for a unit.
    const definitions = wrapper.get('[data-testid="districts-definitions"]').text();
    expect(definitions).toContain(
      'Sản phẩm khác nhau được công nhận lần đầu từ 3 sao trở lên trong năm 2021.',
    );
    expect(definitions).toContain('Trang Số liệu đếm mọi sản phẩm từng được công nhận');

    expect(wrapper.get('[data-testid="tile-an-phu"]').text()).toContain(
      'Chưa đạt ngưỡng 2 chủ thể',
    );
    await wrapper.get('[data-testid="tile-tri-ton"]').trigger('click');
    await settle(10);
    expect(router.currentRoute.value.query.unit).toBe('tri-ton');
    const detail = wrapper.get('[data-testid="district-detail"]');
    expect(detail.text()).toContain('Đường thốt nốt sệt Palmania');
    expect(detail.text()).toContain('Công ty Cổ phần Palmania');
    expect(stub.calls.find((c) => c.operation === 'Products')?.variables).toMatchObject({
      filter: { unitCode: 'tri-ton' },
    });
    wrapper.unmount();
  });
});
