import { graphql, type ResultOf, type VariablesOf } from './tada';

export const STATS_QUERY = graphql(`
  query Stats(
    $measure: StatsMeasure!
    $groupBy: StatsGroupBy!
    $basis: CertifiedBasis
    $asOf: Date
    $filter: StatsFilter
    $groupTaxonomy: GroupTaxonomy
  ) {
    stats(
      measure: $measure
      groupBy: $groupBy
      basis: $basis
      asOf: $asOf
      filter: $filter
      groupTaxonomy: $groupTaxonomy
    ) {
      measure
      groupBy
      basis
      asOf
      definition
      definitionVi
      rows {
        key
        label
        count
      }
      total
      yearOnlyRecords
      decisions {
        id
        number
        date {
          value
          precision
          label
        }
      }
      sources {
        id
        url
        host
        title
        publishedOn
      }
    }
  }
`);

export type StatsVariables = VariablesOf<typeof STATS_QUERY>;
/** StatsFilter input (schema). */
export type StatsFilter = NonNullable<StatsVariables['filter']>;
export type StatsResult = ResultOf<typeof STATS_QUERY>;
/** `definition` is English. */
export type StatsResultData = StatsResult['stats'];
export type StatsRow = StatsResultData['rows'][number];
