/**
 * Hand-written TypeScript mirrors of the GraphQL schema's types, limited to the
 * fields the dashboard selects. Source: apps/api/schema.graphql (generated); operations.test.ts
 * validates every operation and enum list against it.
 */

/** "YYYY-MM-DD" */
export type DateString = string;

export type UnitType = 'PROVINCE' | 'CITY' | 'TOWN' | 'DISTRICT' | 'COMMUNE';
export type EntityType = 'ENTERPRISE' | 'COOPERATIVE' | 'COOPERATIVE_GROUP' | 'HOUSEHOLD_BUSINESS';
export type EvaluationLevel = 'DISTRICT' | 'PROVINCE' | 'NATIONAL';
export type IssuingLevel = EvaluationLevel;
export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';
export type CertificateStatus = 'VALID' | 'EXPIRING' | 'EXPIRED' | 'REVOKED' | 'SUPERSEDED';
export type TargetStatus = 'ACHIEVED' | 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK' | 'NOT_STARTED';
export type TargetKind = 'COUNT_AT_LEAST' | 'COUNT_BETWEEN' | 'SHARE_AT_LEAST' | 'EACH_UNIT_AT_LEAST';
export type StatsMeasure = 'PRODUCTS' | 'ENTITIES' | 'EVALUATIONS' | 'CERTIFICATES';
export type StatsGroupBy = 'UNIT' | 'GROUP' | 'STARS' | 'LEVEL' | 'YEAR' | 'ENTITY_TYPE';
export type CertifiedBasis = 'EVER_CERTIFIED' | 'VALID_ON_AS_OF';
export type TaskRole = 'LEAD' | 'COORDINATE';

export const ENTITY_TYPES: readonly EntityType[] = ['ENTERPRISE', 'COOPERATIVE', 'COOPERATIVE_GROUP', 'HOUSEHOLD_BUSINESS'];
export const CERTIFICATE_STATUSES: readonly CertificateStatus[] = ['VALID', 'EXPIRING', 'EXPIRED', 'REVOKED', 'SUPERSEDED'];
export const STATS_MEASURES: readonly StatsMeasure[] = ['PRODUCTS', 'ENTITIES', 'EVALUATIONS', 'CERTIFICATES'];
export const STATS_GROUP_BYS: readonly StatsGroupBy[] = ['UNIT', 'GROUP', 'STARS', 'LEVEL', 'YEAR', 'ENTITY_TYPE'];
export const CERTIFIED_BASES: readonly CertifiedBasis[] = ['EVER_CERTIFIED', 'VALID_ON_AS_OF'];
export const EVALUATION_LEVELS: readonly EvaluationLevel[] = ['DISTRICT', 'PROVINCE', 'NATIONAL'];

export interface FactDate {
  value: DateString;
  precision: DatePrecision;
  label: string;
}

export interface Source {
  id: string;
  url: string;
  title: string | null;
  publishedOn: DateString | null;
}

export interface AdminUnitRef {
  id: string;
  code: string;
  name: string;
  type: UnitType;
  typeVi: string;
}

export interface ProductGroup {
  code: string;
  taxonomy: string;
  nameVi: string;
  nameEn: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<TNode> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { cursor: string; node: TNode }[];
}
