import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, settle } from '../testing/setup';
import { entryFetchStub, sessionUser, startWithToken } from '../testing/entry-stub';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));

const product = {
  id: 'p7',
  name: 'Mắm cá linh Châu Đốc',
  currentStars: 3,
  unit: { code: 'chau-doc', name: 'Châu Đốc' },
  entity: { id: 'e2', name: 'Cơ sở Bà Giáo Khỏe' },
};

async function openForm(handlers: Record<string, unknown> = {}) {
  startWithToken();
  const stub = entryFetchStub({ Me: { me: sessionUser() }, ...handlers });
  vi.stubGlobal('fetch', stub);
  const { plugins } = await createTestApp('/entry/evaluation');
  const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
  await vi.waitFor(() =>
    expect(wrapper.find('[data-testid="entry-evaluation-form"]').exists()).toBe(true),
  );
  return { wrapper, stub };
}

async function typeScores(wrapper: VueWrapper, date: string, a: string, b: string, c: string) {
  await wrapper.get('[data-testid="entry-evaluation-date"]').setValue(date);
  await wrapper.get('[data-testid="entry-evaluation-score-A"]').setValue(a);
  await wrapper.get('[data-testid="entry-evaluation-score-B"]').setValue(b);
  await wrapper.get('[data-testid="entry-evaluation-score-C"]').setValue(c);
}

describe('evaluation form', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('previews 4★ at 35+20+22 = 77 under 148/QĐ-TTg (2024-01-01) while typing, with the 148 maxima', async () => {
    const { wrapper } = await openForm();
    await typeScores(wrapper, '2024-01-01', '35', '20', '22');
    expect(wrapper.get('#entry-evaluation-score-A-hint').text()).toBe('Tối đa 40 điểm');
    expect(wrapper.get('#entry-evaluation-score-C-hint').text()).toBe('Tối đa 35 điểm');
    expect(wrapper.get('[data-testid="entry-evaluation-preview-total"]').text()).toContain('77');
    expect(
      wrapper.get('[data-testid="entry-evaluation-preview-stars"]').attributes('data-stars'),
    ).toBe('4');
    expect(wrapper.get('[data-testid="entry-evaluation-preview-stars"]').text()).toContain('4 sao');
    expect(wrapper.get('[data-testid="entry-evaluation-preview-recogniser"]').text()).toBe(
      'Cấp tỉnh',
    );
    expect(wrapper.find('[data-testid="entry-evaluation-score-A-error"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('flags part A 38 as above the maximum 35 under 1048/QĐ-TTg (2021-01-01) next to part A, and gives no rating', async () => {
    const { wrapper } = await openForm();
    await typeScores(wrapper, '2021-01-01', '38', '20', '22');
    const error = wrapper.get('[data-testid="entry-evaluation-score-A-error"]');
    expect(error.text()).toContain('Phần A tối đa 35 điểm theo 1048/QĐ-TTg');
    expect(wrapper.get('[data-testid="entry-evaluation-score-A"]').attributes('aria-invalid')).toBe(
      'true',
    );
    expect(
      wrapper.get('[data-testid="entry-evaluation-score-A"]').attributes('aria-describedby'),
    ).toContain('entry-evaluation-score-A-error');
    expect(wrapper.find('[data-testid="entry-evaluation-preview-stars"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="entry-evaluation-score-A"]').element).toHaveProperty(
      'value',
      '38',
    );
    wrapper.unmount();
  });

  it('names the part and limit in English too', async () => {
    startWithToken();
    vi.stubGlobal('fetch', entryFetchStub({ Me: { me: sessionUser() } }));
    const { plugins } = await createTestApp('/entry/evaluation?lang=en', 'en');
    const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="entry-evaluation-form"]').exists()).toBe(true),
    );
    await typeScores(wrapper, '2021-01-01', '38', '20', '22');
    expect(wrapper.get('[data-testid="entry-evaluation-score-A-error"]').text()).toContain(
      'Part A allows at most 35 points under 1048/QĐ-TTg',
    );
    wrapper.unmount();
  });

  it('picks a product by search and records the evaluation with the typed parts', async () => {
    const { wrapper, stub } = await openForm({
      PickerProducts: { products: { edges: [{ node: product }] } },
      RecordEvaluation: (v: Record<string, unknown>) => ({
        recordEvaluation: {
          id: 'ev9',
          level: 'PROVINCE',
          total: 77,
          stars: 4,
          potentialFiveStar: false,
          ruleSet: 'QD148',
          product: { id: (v.input as { productId: string }).productId, name: product.name },
        },
      }),
    });
    await wrapper.get('[data-testid="entry-evaluation-product"]').setValue('mam ca');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="entry-evaluation-product-option"]').exists()).toBe(true),
    );
    await wrapper.get('[data-testid="entry-evaluation-product-option"]').trigger('click');
    await typeScores(wrapper, '2024-01-01', '35', '20', '22,5');
    await wrapper.get('[data-testid="entry-evaluation-form"]').trigger('submit');
    await flushPromises();
    await settle();
    const call = stub.calls.find((c) => c.operation === 'RecordEvaluation');
    expect(call?.variables).toEqual({
      idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/),
      input: {
        productId: 'p7',
        level: 'PROVINCE',
        date: '2024-01-01',
        parts: [
          { part: 'A', score: 35 },
          { part: 'B', score: 20 },
          { part: 'C', score: 22.5 },
        ],
        ruleSet: 'QD148',
      },
    });
    expect(call?.headers.authorization).toBe('Bearer tok-123');
    expect(wrapper.get('[data-testid="entry-evaluation-success"]').text()).toContain(
      'Mắm cá linh Châu Đốc',
    );
    wrapper.unmount();
  });

  it('lowers the previewed stars when a level’s mandatory criteria are ticked unmet, and sends the met levels', async () => {
    const { wrapper } = await openForm();
    await typeScores(wrapper, '2024-01-01', '35', '20', '22');
    await wrapper.get('[data-testid="entry-evaluation-unmet-4"]').setValue(true);
    expect(
      wrapper.get('[data-testid="entry-evaluation-preview-stars"]').attributes('data-stars'),
    ).toBe('3');
    expect(wrapper.get('[data-testid="entry-evaluation-preview"]').text()).toContain(
      'Hạng sao bị hạ',
    );
    wrapper.unmount();
  });

  it('does not send while a part is missing and marks it', async () => {
    const { wrapper, stub } = await openForm();
    await wrapper.get('[data-testid="entry-evaluation-score-A"]').setValue('30');
    await wrapper.get('[data-testid="entry-evaluation-form"]').trigger('submit');
    await flushPromises();
    expect(stub.calls.some((c) => c.operation === 'RecordEvaluation')).toBe(false);
    expect(wrapper.get('[data-testid="entry-evaluation-score-B-error"]').text()).toContain(
      'bắt buộc',
    );
    expect(wrapper.get('[data-testid="entry-evaluation-product-error"]').text()).toContain(
      'bắt buộc',
    );
    expect(wrapper.get('[data-testid="entry-evaluation-error"]').text()).toContain(
      'Sửa các ô được đánh dấu',
    );
    wrapper.unmount();
  });
});
