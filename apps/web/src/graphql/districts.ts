import type { AdminUnitRef, DateString } from './types';

export const DISTRICTS_QUERY = /* GraphQL */ `
  query Districts($planYear: Int!, $asOf: Date) {
    districts(planYear: $planYear, asOf: $asOf) {
      unit { id code name type typeVi }
      participatingEntities
      productsEvaluated
      productsCertified
      passRate
      targetsMet
    }
  }
`;

export interface DistrictsVariables {
  planYear: number;
  asOf?: DateString;
}

export interface DistrictFigures {
  unit: AdminUnitRef;
  participatingEntities: number;
  productsEvaluated: number;
  productsCertified: number;
  /** Percent (0–100) of provincially evaluated products reaching 3★; null when none was evaluated. */
  passRate: number | null;
  targetsMet: string[];
}

export interface DistrictsResult {
  districts: DistrictFigures[];
}
