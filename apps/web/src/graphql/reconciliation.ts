import { graphql, type ResultOf } from './tada';

/** Computed vs published for the figures page: both numbers and the coverage statement. */
export const RECONCILIATION_QUERY = graphql(`
  query Reconciliation($measure: StatsMeasure!, $basis: CertifiedBasis, $asOf: Date) {
    reconciliation(measure: $measure, basis: $basis, asOf: $asOf) {
      computed
      publishedCount
      difference
      coverage
      coverageVi
      published {
        id
        dateLabel
        date {
          value
          precision
          label
        }
        metric
        value
        sources {
          id
          url
          host
          title
          publishedOn
        }
      }
    }
  }
`);

export type ReconciliationResult = ResultOf<typeof RECONCILIATION_QUERY>['reconciliation'];
export type PublishedFigure = NonNullable<ReconciliationResult['published']>;
