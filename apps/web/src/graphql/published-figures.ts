import { graphql, type ResultOf } from './tada';

export const PUBLISHED_FIGURES_QUERY = graphql(`
  query PublishedFigures($metricPrefix: String) {
    publishedFigures(metricPrefix: $metricPrefix) {
      id
      dateLabel
      date {
        value
        precision
        label
      }
      metric
      value
      sources {
        id
        url
        host
        title
        publishedOn
      }
    }
  }
`);

export type PublishedFiguresResult = ResultOf<typeof PUBLISHED_FIGURES_QUERY>;
export type PublishedFigure = PublishedFiguresResult['publishedFigures'][number];
