import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import {
  DEFAULT_PLAN_YEAR,
  defaultAsOf,
  isIsoDate,
  parsePlanId,
  parseYear,
} from '../state/plan-period';

export { DEFAULT_PLAN_YEAR };

/**
 * The plan year, the plan (when a year has several: plan 152 and the 2021–2025 programme) and the
 * as-of date shared by the pages, read from and written to the URL query, so a permalink carries
 * them (`?year=2024&plan=6&asOf=2024-06-30`).
 */
export function usePlanPeriod() {
  const route = useRoute();
  const router = useRouter();

  const year = computed(() => parseYear(firstOf(route.query.year)) ?? DEFAULT_PLAN_YEAR);
  const planId = computed(() => parsePlanId(firstOf(route.query.plan)));
  const explicitAsOf = computed(() => {
    const value = firstOf(route.query.asOf);
    return isIsoDate(value) ? value : null;
  });
  const asOf = computed(() => explicitAsOf.value ?? defaultAsOf(year.value));

  function setYear(next: number): void {
    // A date from another year would be misleading, so a new year drops the explicit as-of date;
    // the plan of another year would not cover it, so the plan goes too.
    const { asOf: _dropped, plan: _plan, ...rest } = route.query;
    const query = { ...rest, year: String(next) };
    void router.replace({ query });
  }

  function setAsOf(next: string): void {
    if (!isIsoDate(next)) return;
    void router.replace({ query: { ...route.query, asOf: next } });
  }

  function setPlan(next: string | null): void {
    const { plan: _old, ...rest } = route.query;
    void router.replace({ query: next ? { ...rest, year: String(year.value), plan: next } : rest });
  }

  return { year, planId, asOf, explicitAsOf, setYear, setAsOf, setPlan };
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}
