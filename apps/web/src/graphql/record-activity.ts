import type { DateString } from './types';

export const RECORD_ACTIVITY_MUTATION = /* GraphQL */ `
  mutation RecordActivity($input: ActivityInput!) {
    recordActivity(input: $input) { id }
  }
`;
export interface ActivityInput {
  departmentCode: string;
  kind: string;
  date: DateString;
  unitCode?: string;
  entityIds?: string[];
  productIds?: string[];
  count: number;
  note?: string;
}
export interface RecordActivityResult {
  recordActivity: { id: string };
}
