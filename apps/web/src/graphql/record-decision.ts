import type { DateString, IssuingLevel } from './types';

export type DecisionAction = 'RECOGNISE' | 'REVOKE';
export const DECISION_ACTIONS: readonly DecisionAction[] = ['RECOGNISE', 'REVOKE'];

export const RECORD_DECISION_MUTATION = /* GraphQL */ `
  mutation RecordDecision($input: DecisionInput!) {
    recordDecision(input: $input) {
      id
      number
      issuingLevel
      items { stars action product { id name } }
    }
  }
`;
export interface DecisionInput {
  number: string;
  date: DateString;
  issuingLevel: IssuingLevel;
  items: { productId: string; stars: number; action: DecisionAction }[];
  sourceUrl?: string;
}
export interface RecordDecisionResult {
  recordDecision: {
    id: string;
    number: string | null;
    issuingLevel: IssuingLevel;
    items: { stars: number | null; action: string; product: { id: string; name: string } }[];
  };
}
