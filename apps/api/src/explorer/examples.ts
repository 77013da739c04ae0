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
];
