// The dashboard's own translation layer: a reactive locale and message trees with `{name}`
// placeholders. That is all the texts use (messages.test.ts renders every one), and it replaces
// vue-i18n and its runtime message compiler, about 16 kB of gzipped JavaScript on every first
// visit (issue 13, "Speed and stability": initial JS ≤ 150 kB gzip).
import { inject, ref, shallowRef, type App, type InjectionKey, type Ref } from 'vue';
import { vi } from './vi';
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

/** A tree of texts: nested objects whose leaves are strings. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

export interface AppI18n {
  install(app: App): void;
  global: {
    /** The reader's language; setting it re-renders every text. */
    locale: Ref<Locale>;
    /** The text at a dotted key with `{name}` placeholders filled; Vietnamese when the locale lacks it, the key when neither has it. */
    t(key: string, params?: Record<string, unknown>): string;
    /** Whether the locale (default: the current one) has a text at the key. */
    te(key: string, locale?: Locale): boolean;
    getLocaleMessage(locale: Locale): MessageTree;
    /** Adds texts to a locale (deep merge), e.g. the data-entry texts loaded with /entry. */
    mergeLocaleMessage(locale: Locale, messages: object): void;
  };
}

export const I18N_KEY: InjectionKey<AppI18n> = Symbol('ocop-i18n');

const PLACEHOLDER = /\{(\w+)\}/g;

function lookup(tree: MessageTree | undefined, key: string): string | undefined {
  let node: string | MessageTree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function display(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function merged(target: MessageTree, source: object): MessageTree {
  const out: MessageTree = { ...target };
  for (const [key, value] of Object.entries(source) as [string, string | object][]) {
    const current = out[key];
    out[key] =
      typeof value === 'string' ? value : merged(typeof current === 'object' ? current : {}, value);
  }
  return out;
}

export function createAppI18n(initial: Locale = DEFAULT_LOCALE): AppI18n {
  const locale = ref<Locale>(initial);
  const trees = shallowRef<Record<Locale, MessageTree>>({
    vi: vi as unknown as MessageTree,
    en: en as unknown as MessageTree,
  });
  const i18n: AppI18n = {
    install(app) {
      app.provide(I18N_KEY, i18n);
    },
    global: {
      locale,
      t(key, params) {
        const text =
          lookup(trees.value[locale.value], key) ?? lookup(trees.value[DEFAULT_LOCALE], key);
        if (text === undefined) return key;
        return params
          ? text.replace(PLACEHOLDER, (all, name: string) => display(params[name]))
          : text;
      },
      te: (key, which) => lookup(trees.value[which ?? locale.value], key) !== undefined,
      getLocaleMessage: (which) => trees.value[which],
      mergeLocaleMessage(which, messages) {
        trees.value = { ...trees.value, [which]: merged(trees.value[which], messages) };
      },
    },
  };
  return i18n;
}

/** The app's i18n, from a component's setup (installed by `app.use(createAppI18n(…))`). */
export function injectI18n(): AppI18n {
  const i18n = inject(I18N_KEY, null);
  if (!i18n) throw new Error('i18n is not installed: app.use(createAppI18n(locale))');
  return i18n;
}
