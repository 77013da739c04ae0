import type { DateString, EvaluationLevel } from './types';

export const RECORD_EVALUATION_MUTATION = /* GraphQL */ `
  mutation RecordEvaluation($input: EvaluationInput!) {
    recordEvaluation(input: $input) {
      id
      level
      total
      stars
      potentialFiveStar
      ruleSet
      product { id name }
    }
  }
`;
export interface EvaluationInput {
  productId: string;
  level: EvaluationLevel;
  date: DateString;
  parts: { part: string; score: number }[];
  council?: string;
  /** Star levels whose mandatory criteria are met; omitted = all met. */
  mandatoryCriteriaMet?: number[];
  /** Cross-check: the code of the rule set in force on `date`. */
  ruleSet?: string;
}
export interface RecordEvaluationResult {
  recordEvaluation: {
    id: string;
    level: EvaluationLevel;
    total: number | null;
    stars: number | null;
    potentialFiveStar: boolean;
    ruleSet: string;
    product: { id: string; name: string };
  };
}
