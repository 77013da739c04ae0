import type { FactDate, Source } from './types';

export const PUBLISHED_FIGURES_QUERY = /* GraphQL */ `
  query PublishedFigures($metricPrefix: String) {
    publishedFigures(metricPrefix: $metricPrefix) {
      id
      dateLabel
      date { value precision label }
      metric
      value
      sources { id url title publishedOn }
    }
  }
`;

export interface PublishedFiguresVariables {
  metricPrefix?: string;
}

export interface PublishedFigure {
  id: string;
  dateLabel: string;
  date: FactDate | null;
  metric: string;
  value: string;
  sources: Source[];
}

export interface PublishedFiguresResult {
  publishedFigures: PublishedFigure[];
}
