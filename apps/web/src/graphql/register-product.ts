import { graphql, type ResultOf, type VariablesOf } from './tada';

export const REGISTER_PRODUCT_MUTATION = graphql(`
  mutation RegisterProduct($input: ProductInput!, $idempotencyKey: String) {
    registerProduct(input: $input, idempotencyKey: $idempotencyKey) {
      id
      name
    }
  }
`);
export type ProductInput = VariablesOf<typeof REGISTER_PRODUCT_MUTATION>['input'];
export type RegisterProductResult = ResultOf<typeof REGISTER_PRODUCT_MUTATION>;
