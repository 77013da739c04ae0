import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, settle } from '../testing/setup';
import {
  entryFetchStub,
  GraphQLErrorAnswer,
  sessionUser,
  startWithToken,
} from '../testing/entry-stub';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));

const secretariat = sessionUser({ role: 'SECRETARIAT', displayName: 'Nguyễn Thị Thu' });

async function openForm(handlers: Record<string, unknown>, path = '/entry/round') {
  startWithToken();
  const stub = entryFetchStub({ Me: { me: secretariat }, ...handlers });
  vi.stubGlobal('fetch', stub);
  const { plugins } = await createTestApp(path);
  const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
  await vi.waitFor(() =>
    expect(wrapper.find('[data-testid="entry-round-form"]').exists()).toBe(true),
  );
  await settle();
  return { wrapper, stub };
}

async function fill(wrapper: Awaited<ReturnType<typeof openForm>>['wrapper'], values: object) {
  for (const [field, value] of Object.entries(values))
    await wrapper.get(`[data-testid="entry-round-${field}"]`).setValue(value);
}

// Round 1/2021 as the province published it (data/seed/published-totals.csv): 17 evaluated, 12 passed.
const round1 = {
  year: '2021',
  round: '1',
  date: '2021-04-07',
  evaluated: '17',
  passed: '12',
  source: 'https://baoangiang.com.vn/them-12-san-pham-duoc-xep-hang-ocop-cap-tinh-a300612.html',
};

describe('council round form', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('records round 1/2021’s published counts and says what it saved', async () => {
    const { wrapper, stub } = await openForm({
      RecordCouncilRound: {
        recordCouncilRound: [
          { id: 'f1', metric: 'ag_provincial_council_round1_2021_products_evaluated', value: '17' },
          { id: 'f2', metric: 'ag_provincial_council_round1_2021_products_passed', value: '12' },
        ],
      },
    });
    expect(wrapper.get('h1').text()).toBe('Kết quả đợt đánh giá cấp tỉnh');
    await fill(wrapper, round1);
    await wrapper.get('[data-testid="entry-round-form"]').trigger('submit');
    await flushPromises();
    expect(stub.calls.find((c) => c.operation === 'RecordCouncilRound')?.variables).toEqual({
      input: {
        year: 2021,
        round: 1,
        date: '2021-04-07',
        evaluated: 17,
        passed: 12,
        sourceUrl: round1.source,
      },
    });
    expect(wrapper.get('[data-testid="entry-round-success"]').text()).toContain(
      'Đã lưu đợt 1/2021: 17 sản phẩm được đánh giá, 12 đạt.',
    );
    wrapper.unmount();
  });

  it('refuses more passed than evaluated and a source that is not a web address, before sending', async () => {
    const { wrapper, stub } = await openForm({});
    await fill(wrapper, { ...round1, passed: '18', source: 'báo An Giang' });
    await wrapper.get('[data-testid="entry-round-form"]').trigger('submit');
    await flushPromises();
    expect(stub.calls.some((c) => c.operation === 'RecordCouncilRound')).toBe(false);
    expect(wrapper.text()).toContain('Số đạt không được lớn hơn số được đánh giá.');
    expect(wrapper.text()).toContain('Nhập một địa chỉ bắt đầu bằng http:// hoặc https://.');
    wrapper.unmount();
  });

  it('puts the API’s DUPLICATE on the round field and keeps what was typed', async () => {
    const { wrapper } = await openForm({
      RecordCouncilRound: new GraphQLErrorAnswer('Round 1/2021 is recorded with other counts.', {
        code: 'DUPLICATE',
        field: 'round',
        messageVi: 'Đợt 1/2021 đã được ghi nhận với số liệu khác.',
        messageEn: 'Round 1/2021 is recorded with other counts.',
      }),
    });
    await fill(wrapper, { ...round1, passed: '11' });
    await wrapper.get('[data-testid="entry-round-form"]').trigger('submit');
    await flushPromises();
    const field = wrapper.get('[data-testid="entry-round-round"]');
    expect(field.attributes('aria-invalid')).toBe('true');
    expect(wrapper.text()).toContain('Đợt 1/2021 đã được ghi nhận với số liệu khác.');
    expect(wrapper.get('[data-testid="entry-round-passed"]').element).toHaveProperty('value', '11');
    wrapper.unmount();
  });
});
