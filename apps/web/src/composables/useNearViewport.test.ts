import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { mount } from '@vue/test-utils';
import { useNearViewport } from './useNearViewport';

/** An observer the test drives by hand (the setup file's one reports at once). */
class ManualObserver {
  static last: ManualObserver | null = null;
  observed: Element[] = [];
  disconnected = false;
  constructor(readonly callback: IntersectionObserverCallback) {
    ManualObserver.last = this;
  }
  observe(element: Element): void {
    this.observed.push(element);
  }
  disconnect(): void {
    this.disconnected = true;
  }
  report(isIntersecting: boolean): void {
    const entry = { target: this.observed[0], isIntersecting } as IntersectionObserverEntry;
    this.callback([entry], this as unknown as IntersectionObserver);
  }
}

const Probe = defineComponent({
  setup() {
    const box = ref<HTMLElement | null>(null);
    const near = useNearViewport(box);
    return () => h('div', { ref: box, 'data-near': String(near.value) });
  },
});

describe('useNearViewport', () => {
  const original = globalThis.IntersectionObserver;
  afterEach(() => {
    globalThis.IntersectionObserver = original;
  });

  it('turns true when the element enters the viewport, stays true and stops observing', async () => {
    globalThis.IntersectionObserver = ManualObserver as unknown as typeof IntersectionObserver;
    const wrapper = mount(Probe);
    await nextTick();
    const observer = ManualObserver.last!;
    expect(observer.observed).toEqual([wrapper.element]);
    expect(wrapper.attributes('data-near')).toBe('false');
    observer.report(false);
    await nextTick();
    expect(wrapper.attributes('data-near')).toBe('false');
    observer.report(true);
    await nextTick();
    expect(wrapper.attributes('data-near')).toBe('true');
    expect(observer.disconnected).toBe(true);
  });

  it('turns true when the page is about to print (the chart starts loading; its table prints anyway)', async () => {
    globalThis.IntersectionObserver = ManualObserver as unknown as typeof IntersectionObserver;
    const wrapper = mount(Probe);
    await nextTick();
    window.dispatchEvent(new Event('beforeprint'));
    await nextTick();
    expect(wrapper.attributes('data-near')).toBe('true');
  });
});
