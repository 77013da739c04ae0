import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, graphqlFetchStub, settle } from '../testing/setup';
import type { ProductListItem } from '../graphql/products';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));

function item(id: string, name: string, stars: number | null): ProductListItem {
  return {
    id,
    name,
    commune: 'xã Tân Lợi',
    currentStars: stars,
    unit: { id: 'u1', code: 'tinh-bien', name: 'Tịnh Biên' },
    entity: {
      id: 'e1',
      name: 'Công ty TNHH MTV Phát triển đặc sản vùng miền Trần Gia',
      type: 'ENTERPRISE',
    },
    group148: { code: 'food', taxonomy: 'QD148', nameVi: 'Thực phẩm', nameEn: 'Food' },
    group1048: null,
    latestDecision: { id: 'd1', date: { value: '2020-12-31', precision: 'YEAR', label: '2020' } },
    certificate: { stars, validUntil: '2023-12-31', status: 'VALID' },
  };
}

function page(items: ProductListItem[], hasNextPage = false) {
  return {
    products: {
      totalCount: items.length + (hasNextPage ? 20 : 0),
      pageInfo: { hasNextPage, endCursor: hasNextPage ? 'cursor-20' : null },
      edges: items.map((node, i) => ({ cursor: `c${i}`, node })),
    },
  };
}

const reference = {
  adminUnits: [
    { id: 'u1', code: 'tinh-bien', name: 'Tịnh Biên', type: 'DISTRICT', typeVi: 'huyện' },
  ],
  productGroups: [],
};

afterEach(() => vi.unstubAllGlobals());

describe('Products page', () => {
  it('lists products with star badges and links to the product page', async () => {
    vi.stubGlobal(
      'fetch',
      graphqlFetchStub({
        Products: page([
          item('1', 'Đường thốt nốt cô đặc MOUN7AINS', 4),
          item('2', 'Đường thốt nốt dạng viên', null),
        ]),
        Reference: reference,
      }),
    );
    const { plugins } = await createTestApp('/products');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    const rows = wrapper.findAll('[data-testid="product-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain('Đường thốt nốt cô đặc MOUN7AINS');
    expect(rows[0]!.get('[data-testid="star-badge"]').text()).toContain('4 sao');
    expect(rows[1]!.text()).toContain('Chưa xếp hạng');
    expect(rows[0]!.get('a').attributes('href')).toMatch(/^\/products\/1\?/);
    expect(wrapper.get('[data-testid="products-count"]').text()).toBe('2 sản phẩm');
    wrapper.unmount();
  });

  it('sends the search text to the API and pages with first/after', async () => {
    const stub = graphqlFetchStub({
      Products: (v: Record<string, unknown>) =>
        v.after ? page([item('21', 'B', 3)]) : page([item('1', 'A', 3)], true),
      Reference: reference,
    });
    vi.stubGlobal('fetch', stub);
    const { plugins, router } = await createTestApp('/products');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    await wrapper.get('[data-testid="product-search"]').setValue('duong thot not');
    await new Promise((r) => setTimeout(r, 350));
    await settle(10);
    expect(router.currentRoute.value.query.q).toBe('duong thot not');
    const searched = stub.calls.filter((c) => c.operation === 'Products').at(-1);
    expect(searched?.variables).toMatchObject({ first: 20, filter: { search: 'duong thot not' } });

    await wrapper.get('[data-testid="page-next"]').trigger('click');
    await settle(10);
    const paged = stub.calls.filter((c) => c.operation === 'Products').at(-1);
    expect(paged?.variables).toMatchObject({
      first: 20,
      after: 'cursor-20',
      filter: { search: 'duong thot not' },
    });
    expect(wrapper.findAll('[data-testid="product-row"]')[0]!.text()).toContain('B');
    wrapper.unmount();
  });

  it('explains an empty result', async () => {
    vi.stubGlobal('fetch', graphqlFetchStub({ Products: page([]), Reference: reference }));
    const { plugins } = await createTestApp('/products?q=xyz');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    expect(wrapper.get('[data-testid="state-empty"]').text()).toContain(
      'Không có sản phẩm nào khớp bộ lọc',
    );
    wrapper.unmount();
  });

  it('says what went wrong and retries on request', async () => {
    let fail = true;
    const ok = graphqlFetchStub({ Products: page([item('1', 'A', 3)]), Reference: reference });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        if (fail && String(init?.body).includes('query Products'))
          return Promise.reject(new TypeError('Failed to fetch'));
        return ok(input, init);
      }),
    );
    const { plugins } = await createTestApp('/products');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    const alert = wrapper.get('[data-testid="state-error"]');
    expect(alert.attributes('role')).toBe('alert');
    expect(alert.text()).toContain('Không kết nối được máy chủ');
    fail = false;
    await wrapper.get('[data-testid="retry"]').trigger('click');
    await settle(10);
    expect(wrapper.find('[data-testid="state-error"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid="product-row"]')).toHaveLength(1);
    wrapper.unmount();
  });
});
