import { graphql, type VariablesOf } from './tada';

/** A provincial council round known by its published counts only (SECRETARIAT). */
export const RECORD_COUNCIL_ROUND_MUTATION = graphql(`
  mutation RecordCouncilRound($input: CouncilRoundInput!) {
    recordCouncilRound(input: $input) {
      id
      metric
      value
    }
  }
`);
export type CouncilRoundInput = VariablesOf<typeof RECORD_COUNCIL_ROUND_MUTATION>['input'];
