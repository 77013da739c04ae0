import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import App from './App.vue';
import { createTestApp, graphqlFetchStub, settle } from './testing/setup';
import { progress, target } from './testing/fixtures';
import { LOCALE_STORAGE_KEY } from './i18n/index';

vi.mock('vue-chartjs', () => import('./testing/chart-mock'));

const planData = (asOf: string) => ({
  plan: {
    id: 'p1',
    year: 2021,
    code: '152/KH-UBND',
    title: 'Kế hoạch thực hiện Chương trình OCOP năm 2021',
    issuedOn: '2021-03-24',
    periodStart: '2021-01-01',
    periodEnd: '2021-12-31',
    targets: [
      target({
        progress: progress({ asOf, actual: asOf < '2021-07-01' ? 8 : 23, status: 'ACHIEVED' }),
      }),
    ],
  },
});

describe('App shell', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.stubGlobal(
      'fetch',
      graphqlFetchStub({
        Plan: (v: Record<string, unknown>) => planData(String(v.asOf)),
        PlanYears: { plans: [] },
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('is Vietnamese first, with a skip link and a labelled navigation', async () => {
    const { plugins, router } = await createTestApp('/');
    const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
    await settle();
    expect(router.currentRoute.value.query.lang).toBe('vi');
    expect(wrapper.get('.skip-link').text()).toBe('Bỏ qua, đến nội dung chính');
    expect(wrapper.get('.skip-link').attributes('href')).toBe('#main');
    expect(wrapper.get('nav').attributes('aria-label')).toBe('Điều hướng chính');
    expect(wrapper.get('[data-testid="nav-departments"]').text()).toBe('Sở, ngành');
    expect(wrapper.get('[data-testid="nav-overview"]').attributes('aria-current')).toBe('page');
    wrapper.unmount();
  });

  it('switches labels to English, puts lang=en in the URL and remembers it', async () => {
    const { plugins, router } = await createTestApp('/');
    const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
    await settle();
    await wrapper.get('[data-testid="lang-switch"]').trigger('click');
    await flushPromises();
    await settle();
    expect(router.currentRoute.value.query.lang).toBe('en');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(wrapper.get('[data-testid="nav-overview"]').text()).toBe('Overview');
    expect(wrapper.get('[data-testid="nav-figures"]').text()).toBe('For journalists');
    expect(wrapper.get('h1').text()).toBe('Plan progress overview');
    expect(wrapper.get('[data-testid="lang-switch"]').text()).toContain('Tiếng Việt');
    expect(document.documentElement.lang).toBe('en');
    wrapper.unmount();
  });

  it('opens in the language given by ?lang', async () => {
    const { plugins } = await createTestApp('/?lang=en');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle();
    expect(wrapper.get('[data-testid="nav-districts"]').text()).toBe('Districts');
    wrapper.unmount();
  });

  it('recomputes every figure for the as-of date and puts it in the URL', async () => {
    const { plugins, router } = await createTestApp('/');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle();
    expect(wrapper.get('[data-testid="target-actual"]').text()).toBe('23');
    const input = wrapper.get('[data-testid="asof-input"]');
    expect((input.element as HTMLInputElement).value).toBe('2021-12-31');
    await input.setValue('2021-06-30');
    await input.trigger('change');
    await settle();
    expect(router.currentRoute.value.query.asOf).toBe('2021-06-30');
    expect(wrapper.get('[data-testid="target-actual"]').text()).toBe('8');
    wrapper.unmount();
  });
});
