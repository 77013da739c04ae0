import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ProductsFilters from './ProductsFilters.vue';
import { createTestApp } from '../../testing/setup';
import { productsStateFromQuery } from '../../state/products-query';

async function mountFilters(query: Record<string, string> = {}) {
  const { plugins } = await createTestApp('/', 'vi');
  return mount(ProductsFilters, {
    props: {
      state: productsStateFromQuery(query),
      units: [{ code: 'chau-phu', name: 'Châu Phú' }],
      years: [2021, 2022],
    },
    global: { plugins: [...plugins] },
  });
}

describe('ProductsFilters', () => {
  it('shows the chosen filters and offers "All" first', async () => {
    const wrapper = await mountFilters({ unit: 'chau-phu', stars: '4' });
    const unit = wrapper.get<HTMLSelectElement>('[data-testid="filter-unit"]');
    expect(unit.element.value).toBe('chau-phu');
    expect(unit.findAll('option').map((o) => o.text())).toEqual(['Tất cả', 'Châu Phú']);
    expect(wrapper.get<HTMLSelectElement>('[data-testid="filter-stars"]').element.value).toBe('4');
  });

  it('emits numbers for stars and year, and null when "All" is chosen', async () => {
    const wrapper = await mountFilters();
    await wrapper.get('[data-testid="filter-year"]').setValue('2022');
    await wrapper.get('[data-testid="filter-stars"]').setValue('5');
    await wrapper.get('[data-testid="filter-unit"]').setValue('chau-phu');
    await wrapper.get('[data-testid="filter-unit"]').setValue('');
    expect(wrapper.emitted('change')).toEqual([
      [{ year: 2022 }],
      [{ stars: 5 }],
      [{ unitCode: 'chau-phu' }],
      [{ unitCode: null }],
    ]);
  });
});
