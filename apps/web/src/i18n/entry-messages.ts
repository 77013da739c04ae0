import type { AppI18n } from './index';

const loaded = new WeakMap<AppI18n, Promise<void>>();

/**
 * The data-entry forms' texts ship with the /entry chunks, not the public dashboard: the router
 * awaits this before the first /entry page renders. Once per i18n instance (tests make several).
 */
export function loadEntryMessages(i18n: AppI18n): Promise<void> {
  let done = loaded.get(i18n);
  if (!done) {
    done = Promise.all([import('./entry-vi'), import('./entry-en')]).then(([vi, en]) => {
      i18n.global.mergeLocaleMessage('vi', vi.entryVi);
      i18n.global.mergeLocaleMessage('en', en.entryEn);
    });
    loaded.set(i18n, done);
  }
  return done;
}
