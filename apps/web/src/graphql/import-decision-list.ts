export type ImportFormat = 'CSV' | 'XLSX';

export const IMPORT_DECISION_LIST_MUTATION = /* GraphQL */ `
  mutation ImportDecisionList($fileName: String!, $contentBase64: String!, $format: ImportFormat!, $dryRun: Boolean!, $skipRejected: Boolean) {
    importDecisionList(fileName: $fileName, contentBase64: $contentBase64, format: $format, dryRun: $dryRun, skipRejected: $skipRejected) {
      dryRun
      applied
      noChanges
      message
      fileErrors { field code message messageVi }
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
  /** Write the valid rows even when some are rejected (otherwise nothing is written). */
  skipRejected?: boolean;
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
  /** True when the changes were committed. */
  applied: boolean;
  noChanges: boolean;
  /** Summary, English only. */
  message: string;
  /** File-level problems (encoding, CSV syntax, columns); then no row is read. */
  fileErrors: ImportIssue[];
  accepted: number;
  flagged: number;
  rejected: number;
  /** JSON: {"entities":n,"products":n,…}. */
  created: string;
  rows: ImportRowReport[];
}
export interface ImportDecisionListResult {
  importDecisionList: ImportResult;
}
