import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { useStaggeredCount } from './useStaggeredCount';

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('useStaggeredCount', () => {
  it('shows three more items per macrotask on the first drawing, then every item at once', async () => {
    const length = ref(0);
    const scope = effectScope();
    const shown = scope.run(() => useStaggeredCount(() => length.value, 3))!;
    expect(shown.value).toBe(0);
    length.value = 8;
    await nextTick();
    expect(shown.value).toBe(3);
    await macrotask();
    expect(shown.value).toBe(6);
    await macrotask();
    expect(shown.value).toBe(8);
    // A new, longer list (another as-of day) is drawn whole: nothing disappears.
    length.value = 11;
    expect(shown.value).toBe(11);
    length.value = 2;
    expect(shown.value).toBe(2);
    scope.stop();
  });

  it('a list no longer than one step is drawn whole at once', async () => {
    const scope = effectScope();
    const shown = scope.run(() => useStaggeredCount(() => 2, 3))!;
    expect(shown.value).toBe(2);
    scope.stop();
  });
});
