import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import {
  PLAN_QUERY,
  PLAN_TRENDS_QUERY,
  type PlanSummary,
  type PlanTrendsVariables,
  type PlanVariables,
} from '../graphql/plan';
import { plansCovering } from '../state/plan-period';
import { useGraphQLQuery } from './useGraphQLQuery';

/**
 * Which plan a page shows: the plan named in the URL, else the year's own plan, else (a year with
 * no plan of its own, such as 2024) the programme covering it, once the plan list says so.
 */
export function planSelection(
  year: number,
  planId: string | null,
  plans: readonly PlanSummary[] | null,
): { id: string } | { year: number } {
  if (planId) return { id: planId };
  if (plans && !plans.some((p) => p.year === year && !p.programme)) {
    const covering = plansCovering(plans, year)[0];
    if (covering) return { id: covering.id };
  }
  return { year };
}

export function usePlan(
  year: MaybeRefOrGetter<number>,
  asOf: MaybeRefOrGetter<string | undefined>,
  planId: MaybeRefOrGetter<string | null> = null,
  plans: MaybeRefOrGetter<readonly PlanSummary[] | null> = null,
) {
  const selection = computed(() =>
    planSelection(toValue(year), toValue(planId), toValue(plans)?.length ? toValue(plans) : null),
  );
  const query = useGraphQLQuery(PLAN_QUERY, () => {
    const vars: PlanVariables = { ...selection.value };
    const date = toValue(asOf);
    if (date) vars.asOf = date;
    return vars;
  });
  const plan = computed(() => query.data.value?.plan ?? null);
  return { ...query, plan, selection };
}

/** The month-end trend of every target of the selected plan (sparklines), keyed by target id. */
export function usePlanTrends(
  selection: MaybeRefOrGetter<{ id: string } | { year: number }>,
  asOf: MaybeRefOrGetter<string | undefined>,
) {
  const query = useGraphQLQuery(PLAN_TRENDS_QUERY, () => {
    const vars: PlanTrendsVariables = { ...toValue(selection) };
    const date = toValue(asOf);
    if (date) vars.asOf = date;
    return vars;
  });
  const trends = computed(
    () => new Map((query.data.value?.plan?.targets ?? []).map((t) => [t.id, t.trend])),
  );
  const coverage = computed(
    () => new Map((query.data.value?.plan?.targets ?? []).map((t) => [t.id, t.coverage])),
  );
  return { ...query, trends, coverage };
}
