import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp } from '../testing/setup';
import {
  entryFetchStub,
  GraphQLErrorAnswer,
  sessionUser,
  startWithToken,
} from '../testing/entry-stub';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));

const products = [
  {
    id: 'p1',
    name: 'Khô cá lóc',
    currentStars: null,
    unit: { code: 'chau-phu', name: 'Châu Phú' },
    entity: { id: 'e1', name: 'Cơ sở Út Hiền' },
  },
  {
    id: 'p2',
    name: 'Gạo nàng Nhen',
    currentStars: 3,
    unit: { code: 'tinh-bien', name: 'Tịnh Biên' },
    entity: null,
  },
];

describe('decision form', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('adds products with stars and action, and puts an item error on its row', async () => {
    startWithToken();
    const stub = entryFetchStub({
      Me: { me: sessionUser() },
      PickerProducts: { products: { edges: products.map((node) => ({ node })) } },
      RecordDecision: new GraphQLErrorAnswer('6★ is not an OCOP class (3–5).', {
        code: 'VALIDATION_FAILED',
        field: 'items.1.stars',
        messageVi: 'Theo 148/QĐ-TTg, hạng 5 sao do cấp quốc gia công nhận, không phải cấp tỉnh.',
        messageEn: '5★ is recognised at NATIONAL level under 148/QĐ-TTg, not PROVINCE.',
      }),
    });
    vi.stubGlobal('fetch', stub);
    const { plugins } = await createTestApp('/entry/decision');
    const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="entry-decision-form"]').exists()).toBe(true),
    );

    await wrapper.get('[data-testid="entry-decision-number"]').setValue('1234/QĐ-UBND');
    await wrapper.get('[data-testid="entry-decision-date"]').setValue('2024-06-20');
    for (const index of [0, 1]) {
      await wrapper.get('[data-testid="entry-decision-product"]').setValue('ca');
      await vi.waitFor(() =>
        expect(
          wrapper.findAll('[data-testid="entry-decision-product-option"]').length,
        ).toBeGreaterThan(0),
      );
      const option = wrapper
        .findAll('[data-testid="entry-decision-product-option"]')
        .find((o) => o.text().includes(products[index]!.name));
      await option!.trigger('click');
    }
    const rows = wrapper.findAll('[data-testid="entry-decision-item"]');
    expect(rows).toHaveLength(2);
    await rows[1]!.get('[data-testid="entry-decision-item-stars"]').setValue('5');
    await rows[0]!.get('[data-testid="entry-decision-item-action"]').setValue('REVOKE');
    await wrapper.get('[data-testid="entry-decision-form"]').trigger('submit');
    await flushPromises();

    expect(stub.calls.find((c) => c.operation === 'RecordDecision')?.variables).toEqual({
      idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/),
      input: {
        number: '1234/QĐ-UBND',
        date: '2024-06-20',
        issuingLevel: 'PROVINCE',
        items: [
          { productId: 'p1', stars: 3, action: 'REVOKE' },
          { productId: 'p2', stars: 5, action: 'RECOGNISE' },
        ],
      },
    });
    const after = wrapper.findAll('[data-testid="entry-decision-item"]');
    expect(after[1]!.get('[data-testid="entry-decision-item-error"]').text()).toContain(
      'hạng 5 sao do cấp quốc gia công nhận',
    );
    expect(after[0]!.find('[data-testid="entry-decision-item-error"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="entry-decision-number"]').element).toHaveProperty(
      'value',
      '1234/QĐ-UBND',
    );
    wrapper.unmount();
  });
});
