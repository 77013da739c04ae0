import { describe, expect, it } from 'vitest';
import {
  productsStateFromQuery,
  productsStateToFilter,
  productsStateToQuery,
  type ProductsQueryState,
} from './products-query';

describe('products query state', () => {
  const state: ProductsQueryState = {
    search: 'đường thốt nốt',
    unitCode: 'tinh-bien',
    group: 'food',
    stars: 4,
    year: 2021,
    certificateStatus: 'VALID',
    asOf: '2021-12-31',
    after: 'YXJyYXljb25uZWN0aW9uOjE5',
  };

  it('round-trips through the URL query', () => {
    expect(productsStateFromQuery(productsStateToQuery(state))).toEqual(state);
  });

  it('sends only chosen filters to the API, stars ever held as a list, the evaluation year', () => {
    expect(
      productsStateToFilter({ ...productsStateFromQuery({}), stars: 3 }, '2021-06-30'),
    ).toEqual({ asOf: '2021-06-30', starsEver: [3] });
    expect(
      productsStateToFilter({ ...productsStateFromQuery({}), year: 2022 }, '2021-06-30'),
    ).toEqual({ asOf: '2021-06-30', evaluationYear: 2022 });
  });

  it('ignores invalid values', () => {
    const parsed = productsStateFromQuery({ stars: '7', cert: 'MAYBE', year: 'x' });
    expect(parsed.stars).toBeNull();
    expect(parsed.certificateStatus).toBeNull();
    expect(parsed.year).toBeNull();
  });
});
