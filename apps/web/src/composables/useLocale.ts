import { computed } from 'vue';
import { injectI18n, type Locale } from '../i18n/index';
import { daysBetween, formatDate, formatMonth, formatNumber, formatPercent } from '../i18n/format';

/** Typed translation plus Intl formatters bound to the current locale. */
export function useLocale() {
  const i18n = injectI18n().global;
  const locale = computed<Locale>(() => i18n.locale.value);
  return {
    t: i18n.t,
    /** Whether a message key exists (for open-ended API codes such as activity kinds). */
    te: (key: string) => i18n.te(key),
    locale,
    /** Picks the Vietnamese or English variant of a bilingual API field. */
    pick: (vi: string, en: string) => (locale.value === 'en' ? en : vi),
    n: (value: number, digits?: number) => formatNumber(locale.value, value, digits),
    pct: (ratio: number, digits?: number) => formatPercent(locale.value, ratio, digits),
    d: (value: string) => formatDate(locale.value, value),
    month: (value: string) => formatMonth(locale.value, value),
    daysBetween,
  };
}
