import { defineComponent, h } from 'vue';

/**
 * happy-dom has no canvas (no 2D context), so Chart.js cannot draw. Tests replace vue-chartjs's
 * Chart with this stub, which renders a plain canvas carrying the same accessibility attributes.
 * Use: vi.mock('vue-chartjs', () => import('../testing/chart-mock'))
 */
export const Chart = defineComponent({
  name: 'ChartStub',
  props: {
    type: { type: String, default: 'bar' },
    data: { type: Object, default: () => ({}) },
    options: { type: Object, default: () => ({}) },
    plugins: { type: Array, default: () => [] },
    ariaLabel: { type: String, default: '' },
    ariaDescribedby: { type: String, default: '' },
  },
  setup(props, { expose }) {
    expose({ chart: null });
    return () =>
      h('canvas', {
        role: 'img',
        'aria-label': props.ariaLabel,
        'data-testid': 'chart-canvas',
        'data-type': props.type,
        'data-datasets': JSON.stringify(
          (props.data as { datasets?: { label?: string }[] } | undefined)?.datasets?.map(
            (d) => d.label,
          ) ?? [],
        ),
      });
  },
});
