import type { AppI18n } from './index';

let loaded: Promise<void> | null = null;

/**
 * The data-entry forms' texts ship with the /entry chunks, not the public dashboard: the router
 * awaits this before the first /entry page renders.
 */
export function loadEntryMessages(i18n: AppI18n): Promise<void> {
  loaded ??= Promise.all([import('./entry-vi'), import('./entry-en')]).then(([vi, en]) => {
    i18n.global.mergeLocaleMessage('vi', vi.entryVi);
    i18n.global.mergeLocaleMessage('en', en.entryEn);
  });
  return loaded;
}
