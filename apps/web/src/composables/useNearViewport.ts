import { onBeforeUnmount, ref, watch, type Ref } from 'vue';

/**
 * True once the element has entered the viewport (or the page is about to print), and from then
 * on. ChartFrame loads Chart.js only then: on /figures and /districts the chart sits below the
 * first screen, so its 60 kB of gzipped code and its first draw stay off the page load (issue 13,
 * "Speed and stability": initial JS ≤ 150 kB gzip, no long tasks while the page settles). Where
 * IntersectionObserver is missing, it is true at once.
 */
export function useNearViewport(target: Ref<HTMLElement | null>): Ref<boolean> {
  const near = ref(typeof IntersectionObserver === 'undefined');
  let observer: IntersectionObserver | null = null;

  function stop(): void {
    observer?.disconnect();
    observer = null;
    window.removeEventListener('beforeprint', show);
  }
  function show(): void {
    near.value = true;
    stop();
  }

  watch(
    target,
    (element) => {
      if (near.value || !element || observer) return;
      observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) show();
      });
      observer.observe(element);
      window.addEventListener('beforeprint', show);
    },
    { immediate: true, flush: 'post' },
  );
  onBeforeUnmount(stop);
  return near;
}
