import { graphql, type ResultOf, type VariablesOf } from './tada';
import { FACT_DATE_FRAGMENT, SOURCE_FRAGMENT } from './types';

export const PRODUCT_QUERY = graphql(
  `
    query Product($id: ID!, $asOf: Date) {
      product(id: $id) {
        id
        name
        commune
        currentStars
        unit {
          id
          code
          name
        }
        entity {
          id
          name
          type
          commune
        }
        group148 {
          code
          taxonomy
          nameVi
          nameEn
        }
        group1048 {
          code
          taxonomy
          nameVi
          nameEn
        }
        certificate(asOf: $asOf) {
          stars
          issuedOn {
            ...FactDateFields
          }
          validUntil
          earliestValidUntil
          status
          decision {
            id
            number
            issuingLevel
          }
        }
        evaluations {
          id
          level
          date {
            ...FactDateFields
          }
          ruleSet
          parts {
            part
            score
            max
          }
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
            date {
              ...FactDateFields
            }
            issuingLevel
            batch
            sources {
              ...SourceFields
            }
          }
        }
        sources {
          ...SourceFields
        }
      }
    }
  `,
  [FACT_DATE_FRAGMENT, SOURCE_FRAGMENT],
);

export type ProductVariables = VariablesOf<typeof PRODUCT_QUERY>;
export type ProductResult = ResultOf<typeof PRODUCT_QUERY>;
export type ProductDetail = NonNullable<ProductResult['product']>;
/**
 * `potentialFiveStar`: ≥ 90 points below the national stage ("tiềm năng 5 sao");
 * `outcome`: PASSED | FAILED | UNKNOWN (a String in the schema).
 */
export type Evaluation = ProductDetail['evaluations'][number];
export type PartScore = Evaluation['parts'][number];
/** `change`: NEW | UPGRADE | DOWNGRADE | SAME | REVOKED | UNKNOWN | RENEWED_AFTER_EXPIRY (a String in the schema). */
export type StarHistoryEntry = ProductDetail['starHistory'][number];

export type EvaluationOutcome = 'PASSED' | 'FAILED' | 'UNKNOWN';
export type StarChange =
  'NEW' | 'UPGRADE' | 'DOWNGRADE' | 'SAME' | 'REVOKED' | 'UNKNOWN' | 'RENEWED_AFTER_EXPIRY';
