import { describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { Chart } from 'chart.js';
import ChartFrame from './ChartFrame.vue';
import './chart-registry';
import { createTestApp } from '../testing/setup';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));

describe('ChartFrame', () => {
  it('registers only the bar and line pieces it uses (chart-registry.ts, loaded with the canvas)', () => {
    expect(Chart.registry.getController('bar')).toBeDefined();
    expect(Chart.registry.getController('line')).toBeDefined();
    expect(() => Chart.registry.getController('pie')).toThrow();
    expect(() => Chart.registry.getController('doughnut')).toThrow();
    expect(() => Chart.registry.getScale('time')).toThrow();
  });

  it('names the canvas and renders the same numbers as a table in the locale format', async () => {
    const { plugins } = await createTestApp('/', 'vi');
    const wrapper = mount(ChartFrame, {
      props: {
        label: 'Biểu đồ cột: số sản phẩm theo đơn vị',
        categoryHeader: 'Đơn vị',
        data: {
          labels: ['Tri Tôn', 'Tịnh Biên'],
          datasets: [{ label: 'Sản phẩm', data: [1234, 7] }],
        },
      },
      global: { plugins: [...plugins] },
    });
    // The canvas is a lazy chunk (ChartCanvas.vue); its box is there at once.
    expect(wrapper.find('.chart-frame__canvas').exists()).toBe(true);
    const canvas = await vi.waitFor(() => wrapper.get('canvas'));
    expect(canvas.attributes('role')).toBe('img');
    expect(canvas.attributes('aria-label')).toBe('Biểu đồ cột: số sản phẩm theo đơn vị');
    const table = wrapper.get('[data-testid="chart-table"]');
    expect(table.findAll('thead th').map((th) => th.text())).toEqual(['Đơn vị', 'Sản phẩm']);
    expect(table.findAll('tbody tr').map((tr) => tr.text())).toEqual([
      'Tri Tôn1.234',
      'Tịnh Biên7',
    ]);
  });

  it('explains an empty chart instead of drawing nothing', async () => {
    const { plugins } = await createTestApp('/', 'en');
    const wrapper = mount(ChartFrame, {
      props: { label: 'x', categoryHeader: 'y', data: { labels: [], datasets: [] } },
      global: { plugins: [...plugins] },
    });
    expect(wrapper.text()).toContain('No data to chart.');
    expect(wrapper.find('canvas').exists()).toBe(false);
  });
});
