import { graphql, type ResultOf, type VariablesOf } from './tada';

export const REGISTER_ENTITY_MUTATION = graphql(`
  mutation RegisterEntity($input: EntityInput!, $idempotencyKey: String) {
    registerEntity(input: $input, idempotencyKey: $idempotencyKey) {
      id
      name
      unit {
        code
        name
      }
    }
  }
`);
export type EntityInput = VariablesOf<typeof REGISTER_ENTITY_MUTATION>['input'];
export type RegisterEntityResult = ResultOf<typeof REGISTER_ENTITY_MUTATION>;
