import { graphql, type ResultOf, type SchemaEnum, type VariablesOf } from './tada';

export type DecisionAction = SchemaEnum<'DecisionAction'>;
export const DECISION_ACTIONS: readonly DecisionAction[] = ['RECOGNISE', 'REVOKE'];

export const RECORD_DECISION_MUTATION = graphql(`
  mutation RecordDecision($input: DecisionInput!, $idempotencyKey: String) {
    recordDecision(input: $input, idempotencyKey: $idempotencyKey) {
      id
      number
      issuingLevel
      items {
        stars
        action
        product {
          id
          name
        }
      }
    }
  }
`);
export type DecisionInput = VariablesOf<typeof RECORD_DECISION_MUTATION>['input'];
export type RecordDecisionResult = ResultOf<typeof RECORD_DECISION_MUTATION>;
