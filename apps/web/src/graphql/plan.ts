import { graphql, type ResultOf, type SchemaEnum, type VariablesOf } from './tada';

export const PLAN_QUERY = graphql(`
  query Plan($year: Int, $id: ID, $asOf: Date) {
    plan(year: $year, id: $id) {
      id
      year
      code
      title
      programme
      issuedOn
      periodStart
      periodEnd
      targets(asOf: $asOf) {
        id
        code
        kind
        labelVi
        labelEn
        definition
        definitionVi
        targetValue
        targetMax
        unitLabel
        owner {
          id
          code
          nameVi
          nameEn
        }
        progress(asOf: $asOf) {
          asOf
          actual
          numerator
          denominator
          target
          targetMax
          ratio
          met
          aboveUpperBound
          status
          statusRule
          statusReason
          statusReasonCode
          statusReasonParams {
            name
            number
            date
          }
          noData
          yearOnlyRecords
          sampleRecords
          publishedRounds
          perUnit {
            unit {
              id
              code
              name
            }
            value
            met
          }
        }
      }
    }
  }
`);

export type PlanVariables = VariablesOf<typeof PLAN_QUERY>;
export type PlanResult = ResultOf<typeof PLAN_QUERY>;
export type Plan = NonNullable<PlanResult['plan']>;
/**
 * The domain's target as the API sends it: labels and definitions as in the domain, the rest in
 * GraphQL form (`kind` is the GraphQL enum, upper case, not the domain's lower-case kind).
 */
export type PlanTarget = Plan['targets'][number];
/**
 * `aboveUpperBound`: count_between reached above its upper bound (still achieved; flagged for review).
 * `statusReason` is English; the web says the reason from statusReasonCode + statusReasonParams.
 * `sampleRecords`: sample (fabricated demo) activities the figure rests on.
 */
export type TargetProgress = PlanTarget['progress'];
export type UnitProgress = TargetProgress['perUnit'][number];
/** Which sentence of the status rule explains the status. */
export type StatusReasonCode = SchemaEnum<'StatusReasonCode'>;
/** One number or date of a status reason; exactly one of number and date is set. */
export type StatusReasonParam = TargetProgress['statusReasonParams'][number];

/** Years for the year selectors (years with a plan or inside a programme) and every plan's period. */
export const PLAN_YEARS_QUERY = graphql(`
  query PlanYears {
    planYears
    plans {
      id
      year
      code
      title
      programme
      periodStart
      periodEnd
    }
  }
`);

export type PlanSummary = ResultOf<typeof PLAN_YEARS_QUERY>['plans'][number];

/**
 * Each target's progress at the month ends of the plan period (the overview's sparklines) and the
 * coverage of its figure (published council rounds held and lacking), asked apart from PLAN_QUERY
 * so the cards do not wait for it.
 */
export const PLAN_TRENDS_QUERY = graphql(`
  query PlanTrends($year: Int, $id: ID, $asOf: Date) {
    plan(year: $year, id: $id) {
      id
      targets(asOf: $asOf) {
        id
        code
        trend {
          date
          actual
          ratio
          status
        }
        coverage {
          source
          statement
          statementVi
          missingPassed
        }
      }
    }
  }
`);

export type PlanTrendsVariables = VariablesOf<typeof PLAN_TRENDS_QUERY>;
export type TrendPoint = NonNullable<
  ResultOf<typeof PLAN_TRENDS_QUERY>['plan']
>['targets'][number]['trend'][number];
export type TargetCoverage = NonNullable<
  ResultOf<typeof PLAN_TRENDS_QUERY>['plan']
>['targets'][number]['coverage'];
