/** The secretariat's plan page (/entry/plans): the plan list, one plan's contents, and the plan writes. */
import { graphql, type ResultOf, type SchemaEnum, type VariablesOf } from './tada';

export type TargetKind = SchemaEnum<'TargetKind'>;
export const TARGET_KINDS: readonly TargetKind[] = [
  'COUNT_AT_LEAST',
  'COUNT_BETWEEN',
  'SHARE_AT_LEAST',
  'EACH_UNIT_AT_LEAST',
];
export type TaskRole = SchemaEnum<'TaskRole'>;
export const TASK_ROLES: readonly TaskRole[] = ['LEAD', 'COORDINATE'];

export const ENTRY_PLANS_QUERY = graphql(`
  query EntryPlans {
    plans {
      id
      code
      year
      title
      programme
      issuedOn
      periodStart
      periodEnd
    }
  }
`);
export type PlanRow = ResultOf<typeof ENTRY_PLANS_QUERY>['plans'][number];

export const TARGET_METRICS_QUERY = graphql(`
  query TargetMetrics {
    targetMetrics {
      name
      definition
      kinds
    }
  }
`);
export type TargetMetricRow = ResultOf<typeof TARGET_METRICS_QUERY>['targetMetrics'][number];

/** One plan's targets (values as issued), tasks and amendments; no progress is computed here. */
export const ENTRY_PLAN_QUERY = graphql(`
  query EntryPlan($id: ID!) {
    plan(id: $id) {
      id
      code
      year
      title
      programme
      periodStart
      periodEnd
      targets {
        id
        code
        kind
        metric
        labelVi
        labelEn
        targetValue
        targetMax
        unitLabel
        scope
        owner {
          code
        }
      }
      tasks {
        id
        code
        role
        summaryVi
        summaryEn
        department {
          code
          nameVi
          nameEn
        }
      }
      amendments {
        id
        number
        documentCode
        issuedOn
        effectiveFrom
        reason
        changes {
          code
          targetValue
          targetMax
        }
      }
    }
  }
`);
export type EntryPlan = NonNullable<ResultOf<typeof ENTRY_PLAN_QUERY>['plan']>;
export type EntryPlanTarget = EntryPlan['targets'][number];
export type EntryPlanAmendment = EntryPlan['amendments'][number];

export const CREATE_PLAN_MUTATION = graphql(`
  mutation CreatePlan($input: PlanInput!) {
    createPlan(input: $input) {
      id
      code
      year
    }
  }
`);
export type PlanInput = VariablesOf<typeof CREATE_PLAN_MUTATION>['input'];

export const COPY_PLAN_MUTATION = graphql(`
  mutation CopyPlan(
    $fromPlanId: ID!
    $toYear: Int!
    $code: String!
    $issuedOn: Date!
    $title: String
  ) {
    copyPlan(
      fromPlanId: $fromPlanId
      toYear: $toYear
      code: $code
      issuedOn: $issuedOn
      title: $title
    ) {
      id
      code
      year
    }
  }
`);

export const ADD_TARGET_MUTATION = graphql(`
  mutation AddTarget($planId: ID!, $input: TargetInput!) {
    addTarget(planId: $planId, input: $input) {
      id
      code
    }
  }
`);
export type TargetInput = VariablesOf<typeof ADD_TARGET_MUTATION>['input'];

export const ADD_TASK_MUTATION = graphql(`
  mutation AddTask($planId: ID!, $input: TaskInput!) {
    addTask(planId: $planId, input: $input) {
      id
      code
    }
  }
`);
export type TaskInput = VariablesOf<typeof ADD_TASK_MUTATION>['input'];

export const AMEND_PLAN_MUTATION = graphql(`
  mutation AmendPlan($planId: ID!, $input: PlanAmendmentInput!) {
    amendPlan(planId: $planId, input: $input) {
      id
      number
    }
  }
`);
export type PlanAmendmentInput = VariablesOf<typeof AMEND_PLAN_MUTATION>['input'];
