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

const districtOfficer = sessionUser({
  role: 'DISTRICT_OFFICER',
  displayName: 'Trần Văn Bình',
  unit: { code: 'cho-moi', name: 'Chợ Mới' },
});
const reference = { adminUnits: [], productGroups: [] };

async function openForm(handlers: Record<string, unknown>, locale: 'vi' | 'en' = 'vi') {
  startWithToken();
  const stub = entryFetchStub({ Me: { me: districtOfficer }, Reference: reference, ...handlers });
  vi.stubGlobal('fetch', stub);
  const { plugins } = await createTestApp(`/entry/entity?lang=${locale}`, locale);
  const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
  await vi.waitFor(() =>
    expect(wrapper.find('[data-testid="entry-entity-form"]').exists()).toBe(true),
  );
  return { wrapper, stub };
}

const duplicateName = new GraphQLErrorAnswer(
  'Entity "HTX Nông nghiệp Mỹ Hiệp" already exists in Chợ Mới (id 12).',
  {
    code: 'VALIDATION_FAILED',
    field: 'input.name',
    messageVi: 'Chủ thể "HTX Nông nghiệp Mỹ Hiệp" đã có ở Chợ Mới (mã 12).',
    messageEn: 'Entity "HTX Nông nghiệp Mỹ Hiệp" already exists in Chợ Mới (id 12).',
  },
);

describe('entity registration form', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('puts a VALIDATION_FAILED message beside the field extensions.field names and keeps every input', async () => {
    const { wrapper, stub } = await openForm({ RegisterEntity: duplicateName });
    // A district officer registers in their own unit: shown, not chosen.
    expect(wrapper.get('[data-testid="entry-entity-unit"]').element).toHaveProperty(
      'value',
      'Chợ Mới',
    );
    await wrapper.get('[data-testid="entry-entity-name"]').setValue('HTX Nông nghiệp Mỹ Hiệp');
    await wrapper.get('[data-testid="entry-entity-type"]').setValue('COOPERATIVE');
    await wrapper.get('[data-testid="entry-entity-commune"]').setValue('Mỹ Hiệp');
    await wrapper.get('[data-testid="entry-entity-owner"]').setValue('Lê Thị Hoa');
    await wrapper.get('[data-testid="entry-entity-form"]').trigger('submit');
    await flushPromises();
    await settle();

    const call = stub.calls.find((c) => c.operation === 'RegisterEntity');
    expect(call?.variables).toEqual({
      idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/),
      input: {
        name: 'HTX Nông nghiệp Mỹ Hiệp',
        type: 'COOPERATIVE',
        unitCode: 'cho-moi',
        commune: 'Mỹ Hiệp',
        ownerName: 'Lê Thị Hoa',
      },
    });
    expect(wrapper.get('[data-testid="entry-entity-name-error"]').text()).toContain(
      'Chủ thể "HTX Nông nghiệp Mỹ Hiệp" đã có ở Chợ Mới (mã 12).',
    );
    expect(wrapper.get('[data-testid="entry-entity-name"]').attributes('aria-invalid')).toBe(
      'true',
    );
    expect(wrapper.find('[data-testid="entry-entity-commune-error"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="entry-entity-error"]').text()).toContain(
      'Sửa các ô được đánh dấu',
    );
    expect(wrapper.get('[data-testid="entry-entity-name"]').element).toHaveProperty(
      'value',
      'HTX Nông nghiệp Mỹ Hiệp',
    );
    expect(wrapper.get('[data-testid="entry-entity-type"]').element).toHaveProperty(
      'value',
      'COOPERATIVE',
    );
    expect(wrapper.get('[data-testid="entry-entity-commune"]').element).toHaveProperty(
      'value',
      'Mỹ Hiệp',
    );
    expect(wrapper.get('[data-testid="entry-entity-owner"]').element).toHaveProperty(
      'value',
      'Lê Thị Hoa',
    );
    expect(wrapper.find('[data-testid="entry-entity-success"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows the English message in English', async () => {
    const { wrapper } = await openForm({ RegisterEntity: duplicateName }, 'en');
    await wrapper.get('[data-testid="entry-entity-name"]').setValue('HTX Nông nghiệp Mỹ Hiệp');
    await wrapper.get('[data-testid="entry-entity-type"]').setValue('COOPERATIVE');
    await wrapper.get('[data-testid="entry-entity-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="entry-entity-name-error"]').text()).toContain(
      'already exists in Chợ Mới (id 12)',
    );
    wrapper.unmount();
  });

  it('shows an error that names no field of the form at the top, and a success message after a save', async () => {
    let attempt = 0;
    const { wrapper } = await openForm({
      RegisterEntity: () =>
        ++attempt === 1
          ? new GraphQLErrorAnswer('Not allowed.', {
              code: 'FORBIDDEN',
              messageVi: 'Bạn không có quyền ghi cho đơn vị này.',
              messageEn: 'Not allowed.',
            })
          : {
              registerEntity: {
                id: 'e40',
                name: 'Tổ hợp tác Bánh phồng',
                unit: { code: 'cho-moi', name: 'Chợ Mới' },
              },
            },
    });
    await wrapper.get('[data-testid="entry-entity-name"]').setValue('Tổ hợp tác Bánh phồng');
    await wrapper.get('[data-testid="entry-entity-type"]').setValue('COOPERATIVE_GROUP');
    await wrapper.get('[data-testid="entry-entity-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="entry-entity-error"]').text()).toContain(
      'Bạn không có quyền ghi cho đơn vị này.',
    );
    await wrapper.get('[data-testid="entry-entity-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="entry-entity-success"]').text()).toContain(
      'Đã đăng ký chủ thể “Tổ hợp tác Bánh phồng”.',
    );
    expect(wrapper.get('[data-testid="entry-entity-add-product"]').attributes('href')).toContain(
      'entityId=e40',
    );
    wrapper.unmount();
  });
});
