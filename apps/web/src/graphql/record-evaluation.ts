import { graphql, type ResultOf, type VariablesOf } from './tada';

export const RECORD_EVALUATION_MUTATION = graphql(`
  mutation RecordEvaluation($input: EvaluationInput!, $idempotencyKey: String) {
    recordEvaluation(input: $input, idempotencyKey: $idempotencyKey) {
      id
      level
      total
      stars
      potentialFiveStar
      ruleSet
      product {
        id
        name
      }
    }
  }
`);
/**
 * `mandatoryCriteriaMet`: star levels whose mandatory criteria are met (omitted = all met);
 * `ruleSet`: cross-check, the code of the rule set in force on `date`.
 */
export type EvaluationInput = VariablesOf<typeof RECORD_EVALUATION_MUTATION>['input'];
export type RecordEvaluationResult = ResultOf<typeof RECORD_EVALUATION_MUTATION>;
