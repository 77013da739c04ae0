import { graphql, type ResultOf, type VariablesOf } from './tada';

export const DISTRICTS_QUERY = graphql(`
  query Districts($planYear: Int!, $asOf: Date) {
    districts(planYear: $planYear, asOf: $asOf) {
      unit {
        id
        code
        name
        type
        typeVi
      }
      participatingEntities
      productsEvaluated
      productsCertified
      productsCertified3Star
      productsCertified4Star
      productsCertified5Star
      passRate
      targetsMet
      yearOnlyRecords
      unitTargets {
        code
        labelVi
        labelEn
        target
        unitLabel
        value
        met
        status
        statusReasonCode
        statusReasonParams {
          name
          number
          date
        }
      }
    }
  }
`);

export type DistrictsVariables = VariablesOf<typeof DISTRICTS_QUERY>;
export type DistrictsResult = ResultOf<typeof DISTRICTS_QUERY>;
/** `passRate`: percent (0–100) of provincially evaluated products reaching 3★; null when none was evaluated. */
export type DistrictFigures = DistrictsResult['districts'][number];
/** One unit against one per-unit target of the plan: a cell of the scorecard. */
export type DistrictTarget = DistrictFigures['unitTargets'][number];
