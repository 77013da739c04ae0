import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, settle } from '../testing/setup';
import {
  entryFetchStub,
  GraphQLErrorAnswer,
  sessionUser,
  startAnonymous,
  startWithToken,
} from '../testing/entry-stub';
import { TOKEN_STORAGE_KEY } from '../composables/useSession';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));

const reference = {
  adminUnits: [{ id: '1', code: 'cho-moi', name: 'Chợ Mới', type: 'DISTRICT', typeVi: 'huyện' }],
  productGroups: [],
};

describe('sign-in and the /entry guard', () => {
  beforeEach(() => startAnonymous());
  afterEach(() => vi.unstubAllGlobals());

  it('stores the token, goes back where it was sent from and sends Authorization: Bearer on the next request', async () => {
    const stub = entryFetchStub({
      SignIn: {
        signIn: { token: 'tok-abc', expiresAt: '2026-11-29T14:00:00.000Z', user: sessionUser() },
      },
      Reference: reference,
    });
    vi.stubGlobal('fetch', stub);
    const { plugins, router } = await createTestApp('/entry/entity');
    expect(router.currentRoute.value.name).toBe('sign-in');
    expect(router.currentRoute.value.query.redirect).toBe('/entry/entity?lang=vi');

    const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
    await settle();
    await wrapper.get('[data-testid="signin-email"]').setValue('vanphong@ocop.angiang.gov.vn');
    await wrapper.get('[data-testid="signin-password"]').setValue('mật-khẩu-đúng');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    await settle();

    expect(stub.calls[0]).toMatchObject({
      operation: 'SignIn',
      variables: { email: 'vanphong@ocop.angiang.gov.vn', password: 'mật-khẩu-đúng' },
    });
    expect(stub.calls[0]?.headers.authorization).toBeUndefined();
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('tok-abc');
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/entry/entity'));
    await vi.waitFor(() => expect(stub.calls.some((c) => c.operation === 'Reference')).toBe(true));
    const next = stub.calls.find((c) => c.operation === 'Reference');
    expect(next?.headers.authorization).toBe('Bearer tok-abc');
    expect(wrapper.get('[data-testid="nav-user"]').text()).toContain('Nguyễn Thị Thu');
    expect(wrapper.get('[data-testid="nav-user"]').text()).toContain('Văn phòng Điều phối');
    expect(wrapper.get('[data-testid="nav-entry"]').text()).toBe('Nhập liệu');
    wrapper.unmount();
  });

  it('shows the API’s own message on wrong credentials and stores nothing', async () => {
    vi.stubGlobal(
      'fetch',
      entryFetchStub({
        SignIn: new GraphQLErrorAnswer('Email or password is incorrect.', {
          code: 'INVALID_CREDENTIALS',
          messageVi: 'Email hoặc mật khẩu không đúng.',
          messageEn: 'Email or password is incorrect.',
        }),
      }),
    );
    const { plugins, router } = await createTestApp('/sign-in');
    const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
    await wrapper.get('[data-testid="signin-email"]').setValue('ai@example.com');
    await wrapper.get('[data-testid="signin-password"]').setValue('sai');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="signin-error"]').text()).toContain(
      'Email hoặc mật khẩu không đúng.',
    );
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(router.currentRoute.value.name).toBe('sign-in');
    expect(wrapper.find('[data-testid="nav-user"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('sends anonymous users to /sign-in and keeps the form they asked for', async () => {
    vi.stubGlobal('fetch', entryFetchStub({}));
    const { router } = await createTestApp('/entry/evaluation?lang=en');
    expect(router.currentRoute.value.name).toBe('sign-in');
    expect(router.currentRoute.value.query).toMatchObject({
      redirect: '/entry/evaluation?lang=en',
      lang: 'en',
    });
  });

  it('keeps a viewer out of the forms and explains why', async () => {
    startWithToken();
    vi.stubGlobal('fetch', entryFetchStub({ Me: { me: sessionUser({ role: 'VIEWER' }) } }));
    const { plugins, router } = await createTestApp('/entry/decision');
    expect(router.currentRoute.value.name).toBe('entry');
    expect(router.currentRoute.value.query.denied).toBe('decision');
    const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
    await settle();
    expect(wrapper.get('[data-testid="entry-viewer-only"]').text()).toContain('chỉ có quyền xem');
    expect(wrapper.find('[data-testid="nav-entry"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('clears the session and returns to sign-in when the API answers UNAUTHENTICATED', async () => {
    startWithToken('tok-old');
    vi.stubGlobal(
      'fetch',
      entryFetchStub({
        Me: { me: sessionUser() },
        Reference: new GraphQLErrorAnswer('Sign in again.', {
          code: 'UNAUTHENTICATED',
          messageVi: 'Hãy đăng nhập lại.',
          messageEn: 'Sign in again.',
        }),
      }),
    );
    const { plugins, router } = await createTestApp('/entry/entity');
    const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
    await settle();
    await flushPromises();
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(router.currentRoute.value.name).toBe('sign-in');
    expect(router.currentRoute.value.query).toMatchObject({
      redirect: '/entry/entity?lang=vi',
      expired: '1',
    });
    expect(wrapper.get('[data-testid="signin-expired"]').text()).toContain('hết hạn');
    wrapper.unmount();
  });
});
