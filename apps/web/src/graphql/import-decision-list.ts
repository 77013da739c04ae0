export type ImportFormat = 'CSV' | 'XLSX';

export const IMPORT_DECISION_LIST_MUTATION = /* GraphQL */ `
  mutation ImportDecisionList($fileName: String!, $contentBase64: String!, $format: ImportFormat!, $dryRun: Boolean!) {
    importDecisionList(fileName: $fileName, contentBase64: $contentBase64, format: $format, dryRun: $dryRun) {
      dryRun
      noChanges
      accepted
      flagged
      rejected
      created
      rows { line status productName issues { field code message messageVi } }
    }
  }
`;
export interface ImportDecisionListVariables {
  fileName: string;
  contentBase64: string;
  format: ImportFormat;
  dryRun: boolean;
}
export interface ImportIssue {
  field: string | null;
  code: string;
  /** English. */
  message: string;
  messageVi: string;
}
export interface ImportRowReport {
  line: number;
  status: string;
  productName: string | null;
  issues: ImportIssue[];
}
export interface ImportResult {
  dryRun: boolean;
  noChanges: boolean;
  accepted: number;
  flagged: number;
  rejected: number;
  created: string;
  rows: ImportRowReport[];
}
export interface ImportDecisionListResult {
  importDecisionList: ImportResult;
}
