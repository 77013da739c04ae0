import { graphql, type ResultOf, type SchemaEnum, type VariablesOf } from './tada';

export type ImportFormat = SchemaEnum<'ImportFormat'>;

export const IMPORT_DECISION_LIST_MUTATION = graphql(`
  mutation ImportDecisionList(
    $fileName: String!
    $contentBase64: String!
    $format: ImportFormat!
    $dryRun: Boolean!
    $skipRejected: Boolean
  ) {
    importDecisionList(
      fileName: $fileName
      contentBase64: $contentBase64
      format: $format
      dryRun: $dryRun
      skipRejected: $skipRejected
    ) {
      dryRun
      applied
      noChanges
      message
      fileErrors {
        field
        code
        message
        messageVi
      }
      accepted
      flagged
      rejected
      problemRows
      runId
      created {
        entities
        products
        evaluations
        decisions
        decisionItems
        certificates
        sources
      }
      rows {
        line
        status
        productName
        issues {
          field
          code
          message
          messageVi
        }
      }
    }
  }
`);
/** `skipRejected`: write the valid rows even when some are rejected (otherwise nothing is written). */
export type ImportDecisionListVariables = VariablesOf<typeof IMPORT_DECISION_LIST_MUTATION>;
export type ImportDecisionListResult = ResultOf<typeof IMPORT_DECISION_LIST_MUTATION>;
/**
 * `applied`: the changes were committed; `message`: summary, English only; `fileErrors`: file-level
 * problems (encoding, CSV syntax, columns), then no row is read; `created`: records created by
 * kind; `rows`: the first 50 rows with issues (accepted rows are not listed), `problemRows` all.
 */
export type ImportResult = ImportDecisionListResult['importDecisionList'];
export type ImportRowReport = ImportResult['rows'][number];
/** `message` is English. */
export type ImportIssue = ImportResult['fileErrors'][number];

/** Progress of the latest import, read from the database (rows read and checked so far). */
export const LAST_IMPORT_PROGRESS_QUERY = graphql(`
  query LastImportProgress {
    lastImportProgress {
      fileName
      phase
      done
      total
      finishedAt
    }
  }
`);
export type ImportProgress = NonNullable<
  ResultOf<typeof LAST_IMPORT_PROGRESS_QUERY>['lastImportProgress']
>;
