import type {
  CertifiedBasis,
  DateString,
  EntityType,
  EvaluationLevel,
  Source,
  StatsGroupBy,
  StatsMeasure,
  FactDate,
} from './types';

export const STATS_QUERY = /* GraphQL */ `
  query Stats(
    $measure: StatsMeasure!
    $groupBy: StatsGroupBy!
    $basis: CertifiedBasis
    $asOf: Date
    $filter: StatsFilter
    $groupTaxonomy: String
  ) {
    stats(measure: $measure, groupBy: $groupBy, basis: $basis, asOf: $asOf, filter: $filter, groupTaxonomy: $groupTaxonomy) {
      measure
      groupBy
      basis
      asOf
      definition
      definitionVi
      rows { key label count }
      total
      yearOnlyRecords
      decisions { id number date { value precision label } }
      sources { id url title publishedOn }
    }
  }
`;

/** StatsFilter input (schema). */
export interface StatsFilter {
  unitCode?: string;
  group?: string;
  stars?: number[];
  level?: EvaluationLevel;
  year?: number;
  entityType?: EntityType;
}

export interface StatsVariables {
  measure: StatsMeasure;
  groupBy: StatsGroupBy;
  basis?: CertifiedBasis;
  asOf?: DateString;
  filter?: StatsFilter;
  /** Taxonomy of GROUP rows: "1048" (API default) or "148". */
  groupTaxonomy?: GroupTaxonomy;
}

export type GroupTaxonomy = '1048' | '148';

export interface StatsRow {
  key: string | null;
  label: string;
  count: number;
}

export interface StatsResultData {
  measure: StatsMeasure;
  groupBy: StatsGroupBy;
  basis: CertifiedBasis;
  asOf: DateString;
  /** English. */
  definition: string;
  definitionVi: string;
  rows: StatsRow[];
  total: number;
  yearOnlyRecords: number;
  decisions: { id: string; number: string | null; date: FactDate }[];
  sources: Source[];
}

export interface StatsResult {
  stats: StatsResultData;
}
