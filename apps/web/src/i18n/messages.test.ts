// Every text reaches the reader as written: {name} is placeholder syntax (index.ts), and a text that
// used braces by accident would lose a word. (Under vue-i18n, which the app used before, { } @ | were
// all syntax: "edges { node }" showed "edges " or threw in the built app.)
import { describe, expect, it } from 'vitest';
import { createAppI18n, LOCALES } from './index';
import { entryVi } from './entry-vi';
import { entryEn } from './entry-en';

/** Dotted keys and texts of every leaf of a message tree. */
function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : leaves(value as object, `${prefix}${key}.`),
  );
}

/** Named parameters that print themselves back, so a text with {name} placeholders renders as written. */
function echo(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/\{(\w+)\}/g)].map(([all, name]) => [name, all]));
}

describe('message texts', () => {
  const i18n = createAppI18n();
  i18n.global.mergeLocaleMessage('vi', entryVi);
  i18n.global.mergeLocaleMessage('en', entryEn);

  for (const locale of LOCALES) {
    it(`${locale}: every text renders exactly as written (placeholders aside)`, () => {
      i18n.global.locale.value = locale;
      const messages = i18n.global.getLocaleMessage(locale) as object;
      const all = leaves(messages);
      expect(all.length).toBeGreaterThan(300);
      const changed = all
        .map(([key, text]) => [key, text, i18n.global.t(key, echo(text))] as const)
        .filter(([, text, shown]) => shown !== text)
        .map(([key, , shown]) => `${key} → ${shown}`);
      expect(changed).toEqual([]);
    });
  }
});
