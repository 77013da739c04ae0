import { computed, onScopeDispose, ref, watch, type ComputedRef } from 'vue';

/**
 * How many items of a list to render: `step` at first, then `step` more per macrotask until all,
 * so a page drawing many cards at once (the overview's target cards, each with its sparkline and
 * table) does it in several short tasks instead of one long one that keeps a slow phone from
 * answering a tap (issue 13, "Speed and stability": Lighthouse counts every task over 50 ms
 * against the page). Only the first drawing is staggered: once everything has been shown, a new
 * list (another as-of day) is drawn whole, so cards never disappear and come back.
 */
export function useStaggeredCount(length: () => number, step: number): ComputedRef<number> {
  const shown = ref(0);
  const finished = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;

  function showMore(): void {
    timer = null;
    shown.value += step;
    if (shown.value < length()) timer = setTimeout(showMore, 0);
    else finished.value = true;
  }

  watch(
    length,
    (n) => {
      // The first non-empty list starts the drawing; later lists wait for it or are drawn whole.
      if (n > 0 && shown.value === 0 && !finished.value) showMore();
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    if (timer !== null) clearTimeout(timer);
  });
  return computed(() => (finished.value ? length() : Math.min(shown.value, length())));
}
