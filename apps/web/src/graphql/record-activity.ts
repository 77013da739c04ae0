import { graphql, type VariablesOf } from './tada';

export const RECORD_ACTIVITY_MUTATION = graphql(`
  mutation RecordActivity($input: ActivityInput!, $idempotencyKey: String) {
    recordActivity(input: $input, idempotencyKey: $idempotencyKey) {
      id
    }
  }
`);
export type ActivityInput = VariablesOf<typeof RECORD_ACTIVITY_MUTATION>['input'];
