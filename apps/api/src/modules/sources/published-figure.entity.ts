import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DATE_PRECISIONS } from '../shared/date-precision.js';
import { Source } from './source.entity.js';

/**
 * A figure published by the province or the press, kept exactly as given ("5-8", "35 (min)",
 * "2021-12 (early)"). Shown beside computed figures, never overwritten by them.
 */
export const PublishedFigure = defineEntity({
  name: 'PublishedFigure',
  tableName: 'published_figure',
  uniques: [{ properties: ['dateLabel', 'metric', 'value'] }],
  properties: {
    id: p.integer().primary(),
    dateLabel: p.string().length(120),
    date: p.date().nullable().index(),
    datePrecision: p.enum([...DATE_PRECISIONS]).nullable(),
    metric: p.string().length(120).index(),
    value: p.string().length(60),
    valueMin: p.double().$type<number>().nullable(),
    valueMax: p.double().$type<number>().nullable(),
    sortOrder: p.integer(),
    sources: () => p.manyToMany(Source).pivotTable('published_figure_source'),
  },
});
export type PublishedFigure = InferEntity<typeof PublishedFigure>;
