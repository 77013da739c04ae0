import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Messages } from '../i18n/vi';
import { isLocale, type Locale } from '../i18n/index';
import { daysBetween, formatDate, formatMonth, formatNumber, formatPercent } from '../i18n/format';

/** Typed translation plus Intl formatters bound to the current locale. */
export function useLocale() {
  const i18n = useI18n<{ message: Messages }, Locale>();
  const locale = computed<Locale>(() => (isLocale(i18n.locale.value) ? i18n.locale.value : 'vi'));
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
