import type {
  CertificateStatus,
  DateString,
  EntityType,
  EvaluationLevel,
  FactDate,
  IssuingLevel,
  ProductGroup,
  Source,
} from './types';

const SOURCE_FIELDS = 'id url title publishedOn';
const FACT_DATE_FIELDS = 'value precision label';

export const PRODUCT_QUERY = /* GraphQL */ `
  query Product($id: ID!, $asOf: Date) {
    product(id: $id) {
      id
      name
      commune
      currentStars
      unit { id code name }
      entity { id name type commune }
      group148 { code taxonomy nameVi nameEn }
      group1048 { code taxonomy nameVi nameEn }
      certificate(asOf: $asOf) {
        stars
        issuedOn { ${FACT_DATE_FIELDS} }
        validUntil
        status
        decision { id number issuingLevel }
      }
      evaluations {
        id
        level
        date { ${FACT_DATE_FIELDS} }
        ruleSet
        parts { part score max }
        total
        stars
        potentialFiveStar
        council
        round
        outcome
      }
      starHistory {
        stars
        previousStars
        change
        decision {
          id
          number
          date { ${FACT_DATE_FIELDS} }
          issuingLevel
          batch
          sources { ${SOURCE_FIELDS} }
        }
      }
      sources { ${SOURCE_FIELDS} }
    }
  }
`;

export interface ProductVariables {
  id: string;
  asOf?: DateString;
}

export interface PartScore {
  part: string;
  score: number;
  max: number;
}

export interface Evaluation {
  id: string;
  level: EvaluationLevel;
  date: FactDate;
  ruleSet: string;
  parts: PartScore[];
  total: number | null;
  stars: number | null;
  /** ≥ 90 points below the national stage ("tiềm năng 5 sao"). */
  potentialFiveStar: boolean;
  council: string | null;
  round: string | null;
  /** PASSED | FAILED | UNKNOWN */
  outcome: EvaluationOutcome | string;
}

export type EvaluationOutcome = 'PASSED' | 'FAILED' | 'UNKNOWN';

export type StarChange = 'NEW' | 'UPGRADE' | 'DOWNGRADE' | 'SAME' | 'REVOKED' | 'UNKNOWN';

export interface StarHistoryEntry {
  stars: number | null;
  previousStars: number | null;
  change: StarChange | string;
  decision: {
    id: string;
    number: string | null;
    date: FactDate;
    issuingLevel: IssuingLevel;
    batch: string | null;
    sources: Source[];
  };
}

export interface ProductDetail {
  id: string;
  name: string;
  commune: string | null;
  currentStars: number | null;
  unit: { id: string; code: string; name: string } | null;
  entity: { id: string; name: string; type: EntityType | null; commune: string | null } | null;
  group148: ProductGroup | null;
  group1048: ProductGroup | null;
  certificate: {
    stars: number | null;
    issuedOn: FactDate;
    validUntil: DateString;
    status: CertificateStatus;
    decision: { id: string; number: string | null; issuingLevel: IssuingLevel };
  } | null;
  evaluations: Evaluation[];
  starHistory: StarHistoryEntry[];
  sources: Source[];
}

export interface ProductResult {
  product: ProductDetail | null;
}
