import { graphql, type ResultOf } from './tada';

/**
 * The programme view: every plan (2020–2025 yearly plans and the 2021–2025 programme) with its
 * targets' progress at the period end (or today while running), and the province's published
 * product totals to mark on the cumulative line.
 */
export const PROGRAMME_QUERY = graphql(`
  query Programme {
    plans {
      id
      year
      code
      title
      programme
      periodStart
      periodEnd
      targets {
        id
        code
        kind
        labelVi
        labelEn
        metric
        targetValue
        targetMax
        unitLabel
        note
        progress {
          asOf
          actual
          numerator
          denominator
          target
          targetMax
          status
          statusRule
          noData
        }
      }
    }
    publishedFigures(metricPrefix: "ag_products_") {
      id
      metric
      value
      dateLabel
      date {
        value
        precision
      }
    }
  }
`);

/** The programme's targets at every month end (the cumulative lines). */
export const PROGRAMME_TREND_QUERY = graphql(`
  query ProgrammeTrend($id: ID!) {
    plan(id: $id) {
      id
      targets {
        id
        code
        metric
        targetValue
        trend {
          date
          actual
          target
        }
      }
    }
  }
`);

export type ProgrammeResult = ResultOf<typeof PROGRAMME_QUERY>;
export type ProgrammePlan = ProgrammeResult['plans'][number];
export type ProgrammeTarget = ProgrammePlan['targets'][number];
export type PublishedFigureRow = ProgrammeResult['publishedFigures'][number];
export type ProgrammeTrendTarget = NonNullable<
  ResultOf<typeof PROGRAMME_TREND_QUERY>['plan']
>['targets'][number];
