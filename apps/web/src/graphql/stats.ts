import { graphql, type ResultOf, type VariablesOf } from './tada';

export const STATS_QUERY = graphql(`
  query Stats(
    $measure: StatsMeasure!
    $groupBy: StatsGroupBy!
    $basis: CertifiedBasis
    $asOf: Date
    $filter: StatsFilter
    $groupTaxonomy: String
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

/** Taxonomy of GROUP rows: "1048" (API default) or "148". */
export type GroupTaxonomy = '1048' | '148';

/** The schema types `groupTaxonomy` as a String; the dashboard only sends the two taxonomies. */
export type StatsVariables = Omit<VariablesOf<typeof STATS_QUERY>, 'groupTaxonomy'> & {
  groupTaxonomy?: GroupTaxonomy;
};
/** StatsFilter input (schema). */
export type StatsFilter = NonNullable<StatsVariables['filter']>;
export type StatsResult = ResultOf<typeof STATS_QUERY>;
/** `definition` is English. */
export type StatsResultData = StatsResult['stats'];
export type StatsRow = StatsResultData['rows'][number];
