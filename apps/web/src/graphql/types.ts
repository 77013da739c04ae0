/**
 * Shared pieces of the dashboard's GraphQL types. Enums and selections are derived from the API's
 * committed schema (apps/api/schema.graphql) via gql.tada (./tada.ts); operations.test.ts validates
 * every operation and checks every enum list the UI offers against the schema.
 */
import { graphql, type ResultOf, type SchemaEnum } from './tada';

/** "YYYY-MM-DD" (the schema's Date scalar). */
export type DateString = string;

export type UnitType = SchemaEnum<'UnitType'>;
export type EntityType = SchemaEnum<'EntityType'>;
export type EvaluationLevel = SchemaEnum<'EvaluationLevel'>;
export type IssuingLevel = SchemaEnum<'IssuingLevel'>;
export type DatePrecision = SchemaEnum<'DatePrecision'>;
export type CertificateStatus = SchemaEnum<'CertificateStatus'>;
export type TargetStatus = SchemaEnum<'TargetStatus'>;
export type TargetKind = SchemaEnum<'TargetKind'>;
export type StatsMeasure = SchemaEnum<'StatsMeasure'>;
export type StatsGroupBy = SchemaEnum<'StatsGroupBy'>;
export type CertifiedBasis = SchemaEnum<'CertifiedBasis'>;
export type TaskRole = SchemaEnum<'TaskRole'>;
export type GroupTaxonomy = SchemaEnum<'GroupTaxonomy'>;

export const ENTITY_TYPES: readonly EntityType[] = [
  'ENTERPRISE',
  'COOPERATIVE',
  'COOPERATIVE_GROUP',
  'HOUSEHOLD_BUSINESS',
];
export const CERTIFICATE_STATUSES: readonly CertificateStatus[] = [
  'VALID',
  'EXPIRING',
  'POSSIBLY_EXPIRED',
  'EXPIRED',
  'REVOKED',
  'SUPERSEDED',
];
export const STATS_MEASURES: readonly StatsMeasure[] = [
  'PRODUCTS',
  'ENTITIES',
  'EVALUATIONS',
  'CERTIFICATES',
];
export const STATS_GROUP_BYS: readonly StatsGroupBy[] = [
  'UNIT',
  'GROUP',
  'STARS',
  'LEVEL',
  'YEAR',
  'ENTITY_TYPE',
];
export const CERTIFIED_BASES: readonly CertifiedBasis[] = ['EVER_CERTIFIED', 'VALID_ON_AS_OF'];
export const EVALUATION_LEVELS: readonly EvaluationLevel[] = ['DISTRICT', 'PROVINCE', 'NATIONAL'];

export const FACT_DATE_FRAGMENT = graphql(`
  fragment FactDateFields on FactDate {
    value
    precision
    label
  }
`);
export type FactDate = ResultOf<typeof FACT_DATE_FRAGMENT>;

export const SOURCE_FRAGMENT = graphql(`
  fragment SourceFields on Source {
    id
    url
    host
    title
    publishedOn
  }
`);
export type Source = ResultOf<typeof SOURCE_FRAGMENT>;
