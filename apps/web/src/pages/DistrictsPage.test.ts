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
  productsCertified3Star: Math.max(0, entities - 2),
  productsCertified4Star: entities > 1 ? 1 : 0,
  productsCertified5Star: 0,
  passRate: entities ? 50 : null,
  targetsMet: entities >= 2 ? ['T3-ENTITIES-PER-DISTRICT'] : [],
  yearOnlyRecords: Math.max(0, entities - 1),
  // Plan 152's per-unit target on 2021-12-31: final, met or missed (linear-pace-v2).
  unitTargets: [
    {
      code: 'T3-ENTITIES-PER-DISTRICT',
      labelVi: 'Mỗi huyện/thị xã/thành phố có ít nhất 2 chủ thể tham gia',
      labelEn: 'At least 2 participating entities in every district-level unit',
      target: 2,
      unitLabel: 'entities',
      value: entities,
      met: entities >= 2,
      status: entities >= 2 ? 'MET' : 'MISSED',
      statusReasonCode: entities >= 2 ? 'PERIOD_ENDED_MET' : 'PERIOD_ENDED_UNMET',
      statusReasonParams: [],
    },
  ],
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
    // Tri Tôn's 2 and An Phú's 0 year-only records, said once for the table.
    expect(wrapper.get('[data-testid="districts-year-only"]').text()).toBe(
      '2 bản ghi chỉ có năm (được tính từ cuối năm đó, hoặc từ ngày trao giấy chứng nhận khi nguồn cho biết).',
    );

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

  it('scores every unit against T3 with a status pill and links every cell with the period', async () => {
    vi.stubGlobal(
      'fetch',
      graphqlFetchStub({
        Districts: { districts: [unit('an-phu', 'An Phú', 2), unit('tan-chau', 'Tân Châu', 1)] },
        PlanYears: {
          planYears: [2021],
          plans: [{ id: 'p', year: 2021, code: '152/KH-UBND', programme: false }],
        },
      }),
    );
    const { plugins } = await createTestApp('/districts?year=2021&asOf=2021-12-31');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    const scorecard = wrapper.get('[data-testid="scorecard"]');
    expect(scorecard.get('caption').text()).toBe(
      'Bảng điểm: từng đơn vị cấp huyện so với chỉ tiêu của 152/KH-UBND, tính đến 31/12/2021',
    );
    const headers = scorecard.findAll('thead th').map((th) => th.text());
    expect(headers).toEqual([
      'Đơn vị hành chính',
      'Mỗi huyện/thị xã/thành phố có ít nhất 2 chủ thể tham gia (mỗi đơn vị ≥ 2)',
      'Sản phẩm được công nhận',
      'Sản phẩm 3 sao',
      'Sản phẩm 4 sao',
      'Sản phẩm 5 sao',
    ]);
    const rows = scorecard.findAll('[data-testid="scorecard-row"]');
    expect(rows).toHaveLength(2);
    // Status in text and icon, not colour alone.
    const met = rows[0]!.get('[data-testid="scorecard-target"] a');
    expect(met.text()).toBe('✔ 2 · Đạt (đã kết thúc kỳ)');
    expect(met.classes()).toContain('status--met');
    expect(met.attributes('href')).toBe('/districts?lang=vi&year=2021&asOf=2021-12-31&unit=an-phu');
    const missed = rows[1]!.get('[data-testid="scorecard-target"] a');
    expect(missed.text()).toBe('✖ 1 · Không đạt (đã kết thúc kỳ)');
    expect(missed.attributes('data-status')).toBe('MISSED');
    // Counts link to the unit's products of the plan year; the star columns filter by stars.
    const counts = rows[0]!.findAll('td.num a');
    expect(counts.map((a) => a.text())).toEqual(['1', '0', '1', '0']);
    expect(counts[2]!.attributes('href')).toBe(
      '/products?lang=vi&year=2021&asOf=2021-12-31&unit=an-phu&stars=4',
    );
    wrapper.unmount();
  });
});
