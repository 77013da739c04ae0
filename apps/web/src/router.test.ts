import { describe, expect, it } from 'vitest';
import { createMemoryHistory, START_LOCATION } from 'vue-router';
import { createAppI18n } from './i18n/index';
import { createAppRouter } from './router';

describe('scroll on navigation', () => {
  it('leaves a page just opened where it is, scrolls to the top after a link, restores on back', async () => {
    const router = createAppRouter(createAppI18n('vi'), createMemoryHistory());
    const behaviour = router.options.scrollBehavior!;
    await router.push('/?lang=vi');
    const from = router.currentRoute.value;
    await router.push('/figures?lang=vi');
    const to = router.currentRoute.value;
    expect(await behaviour(to, START_LOCATION, null)).toBe(false);
    expect(await behaviour(to, from, null)).toEqual({ top: 0 });
    expect(await behaviour(to, from, { left: 0, top: 640 })).toEqual({ left: 0, top: 640 });
  });
});
