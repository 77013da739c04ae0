import { createI18n } from 'vue-i18n';
import { vi, type Messages } from './vi';
import { en } from './en';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';
export const LOCALE_STORAGE_KEY = 'ocop.locale';

/** BCP 47 tags handed to Intl for numbers and dates. */
export const INTL_TAGS: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function readStoredLocale(): Locale | null {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private mode or disabled storage: the URL still carries the locale.
  }
}

export function createAppI18n(locale: Locale = DEFAULT_LOCALE) {
  return createI18n<[Messages], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'vi',
    // The data-entry texts are merged later (entry-messages.ts), before any /entry page renders.
    messages: { vi, en } as Record<Locale, Messages>,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;
