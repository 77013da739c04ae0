// Example operations opened as tabs in the explorer: what analysts usually ask first.
export const EXPLORER_EXAMPLES: {
  title: string;
  query: string;
  variables?: Record<string, unknown>;
}[] = [
  {
    title: 'Plan 2021 progress',
    query: `# Targets of plan 152/KH-UBND (2021) on an as-of date, with the rule behind each status.
query PlanProgress($asOf: Date = "2021-12-31") {
  plan(year: 2021) {
    code
    title
    targets(asOf: $asOf) {
      code
      labelEn
      definition
      progress(asOf: $asOf) {
        asOf
        actual
        target
        status
        statusRule
        statusReason
        yearOnlyRecords
        perUnit { unit { name } value met }
      }
    }
  }
}`,
  },
  {
    title: 'Products search',
    query: `# Diacritics are optional; page on with after: pageInfo.endCursor.
#: "cho moi" finds Chợ Mới, "mam ca" finds Mắm cá.
query Products($search: String = "mam ca", $after: String) {
  products(first: 20, after: $after, filter: { search: $search }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        name
        currentStars
        unit { name }
        entity { name type }
        latestDecision { date { label } issuingLevel }
      }
    }
  }
}`,
  },
  {
    title: 'Stats by district',
    query: `# Certified products per district-level unit, with the definition and sources to cite.
query StatsByUnit($asOf: Date = "2021-12-31") {
  stats(measure: PRODUCTS, groupBy: UNIT, basis: EVER_CERTIFIED, asOf: $asOf) {
    definition
    asOf
    basis
    total
    yearOnlyRecords
    rows { key label count }
    sources { url }
  }
}`,
  },
  {
    title: 'Rate a scorecard',
    query: `# Stars a scorecard reaches under the rule set in force on a date.
query Rate {
  rateScorecard(parts: [{ part: "A", score: 30 }, { part: "B", score: 20 }, { part: "C", score: 28.5 }], date: "2021-04-07") {
    ruleSet
    total
    stars
    isOcop
    recognisedBy
    potentialFiveStar
    withheld
  }
}`,
  },
  {
    title: 'Plans 2020–2025 and the programme',
    query: `# Every plan (yearly plans and the 2021–2025 programme), the years selectors offer, and
# each target's status; a target whose facts are not recorded says noDataSource.
query Plans($asOf: Date = "2025-12-31") {
  planYears
  plans {
    id
    code
    year
    programme
    periodStart
    periodEnd
    versionInForce(asOf: $asOf)
    amendments { number documentCode effectiveFrom changes { code targetValue } }
    targets(asOf: $asOf) {
      code
      kind
      metric
      labelEn
      note
      progress { actual target targetMax status noDataSource numerator denominator }
    }
  }
}`,
  },
  {
    title: 'Time series (statsSeries)',
    query: `# One point per month (or QUARTER, YEAR), zeros included, counted in the database;
# cumulative: true gives the running count. Same measures, filters and basis as stats.
query Series($from: Date = "2020-01-01", $to: Date = "2021-12-31") {
  statsSeries(measure: PRODUCTS, interval: MONTH, from: $from, to: $to, cumulative: false,
              basis: EVER_CERTIFIED, filter: { unitCode: "tinh-bien" }) {
    definition
    points { label start end count yearOnlyRecords }
  }
}`,
  },
  {
    title: 'Plan writes (secretariat)',
    query: `# Sign in as SECRETARIAT and send the token as Authorization: Bearer <token>.
# createPlan, then addTarget / addTask with its id; copyPlan starts a year from another;
# amendPlan records a new version whose values count from effectiveFrom.
mutation CreatePlan {
  createPlan(input: { code: "12/KH-UBND", year: 2026, title: "Kế hoạch OCOP năm 2026",
    issuedOn: "2026-02-10", periodStart: "2026-01-01", periodEnd: "2026-12-31" }) { id code }
}

mutation AddTarget($planId: ID!) {
  addTarget(planId: $planId, input: { code: "T1-3STAR", kind: COUNT_AT_LEAST,
    metric: "products_certified_3star", targetValue: 40, unitLabel: "products", scope: "province",
    ownerCode: "SNN", labelVi: "Sản phẩm đạt 3 sao trong năm", labelEn: "Products certified 3★ in the year",
    definition: "distinct products whose certificate dated in the plan year is 3★" }) { id code }
}

mutation AmendPlan($planId: ID!) {
  amendPlan(planId: $planId, input: { documentCode: "200/KH-UBND", issuedOn: "2026-07-01",
    effectiveFrom: "2026-07-01", changes: [{ code: "T1-3STAR", targetValue: 45 }] }) { number }
}

mutation CopyPlan($fromPlanId: ID!) {
  copyPlan(fromPlanId: $fromPlanId, toYear: 2027, code: "5/KH-UBND", issuedOn: "2027-01-15") { id year }
}`,
  },
  {
    title: 'Certificate expiry radar',
    query: `# Certificates in force expiring within 90 days, per unit and issuing level, with the
# 148/QĐ-TTg re-evaluation window (notice at least 30 days before expiry).
query Radar($asOf: Date = "2023-10-15", $days: Int = 90) {
  expiryRadar(asOf: $asOf, days: $days) {
    count
    byUnit { key count }
    byLevel { key count }
    certificates { productName unitCode stars issuingLevel validUntil noticeBy noticeDue daysLeft }
  }
}`,
  },
];
