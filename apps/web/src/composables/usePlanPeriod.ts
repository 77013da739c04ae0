import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { DEFAULT_PLAN_YEAR, defaultAsOf, isIsoDate, parseYear } from '../state/plan-period';

export { DEFAULT_PLAN_YEAR };

/** The plan year and as-of date shared by the pages, read from and written to the URL query. */
export function usePlanPeriod() {
  const route = useRoute();
  const router = useRouter();

  const year = computed(() => parseYear(firstOf(route.query.year)) ?? DEFAULT_PLAN_YEAR);
  const explicitAsOf = computed(() => {
    const value = firstOf(route.query.asOf);
    return isIsoDate(value) ? value : null;
  });
  const asOf = computed(() => explicitAsOf.value ?? defaultAsOf(year.value));

  function setYear(next: number): void {
    // A date from another year would be misleading, so a new year drops the explicit as-of date.
    const { asOf: _dropped, ...rest } = route.query;
    const query = { ...rest, year: String(next) };
    void router.replace({ query });
  }

  function setAsOf(next: string): void {
    if (!isIsoDate(next)) return;
    void router.replace({ query: { ...route.query, asOf: next } });
  }

  return { year, asOf, explicitAsOf, setYear, setAsOf };
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}
