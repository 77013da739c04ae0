import { graphql, type ResultOf, type VariablesOf } from './tada';

/** The overview's radar: only the count (the list lives on /expiry). */
export const EXPIRY_COUNT_QUERY = graphql(`
  query ExpiryCount($asOf: Date, $days: Int) {
    expiryRadar(asOf: $asOf, days: $days) {
      asOf
      days
      count
    }
  }
`);

/** The expiry notice list: certificates lapsing within `days` of asOf, per unit and issuing level. */
export const EXPIRY_RADAR_QUERY = graphql(`
  query ExpiryRadar($asOf: Date, $days: Int, $unitCode: String) {
    expiryRadar(asOf: $asOf, days: $days, unitCode: $unitCode) {
      asOf
      days
      count
      byUnit {
        key
        count
      }
      byLevel {
        key
        count
      }
      certificates {
        certificateId
        productId
        productName
        unitCode
        issuingLevel
        stars
        issuedOn
        validUntil
        daysLeft
        noticeBy
        noticeDue
      }
    }
    adminUnits {
      code
      name
      type
    }
  }
`);

export type ExpiryRadarVariables = VariablesOf<typeof EXPIRY_RADAR_QUERY>;
export type ExpiryRadarResult = ResultOf<typeof EXPIRY_RADAR_QUERY>;
export type ExpiringCertificate = ExpiryRadarResult['expiryRadar']['certificates'][number];
