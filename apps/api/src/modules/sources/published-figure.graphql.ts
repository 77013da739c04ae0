// PublishedFigure: a number the province or the press published, kept verbatim beside ours.
import { builder } from '../../graphql/builder.js';
import { factDate, FactDate } from '../shared/fact-date.graphql.js';
import { PublishedFigure as PublishedFigureEntity } from './published-figure.entity.js';
import { listPublishedFigures } from './published-figure.service.js';
import { Source } from './source.graphql.js';

export const PublishedFigure = builder.objectRef<PublishedFigureEntity>('PublishedFigure');
PublishedFigure.implement({
  description:
    'A figure published by the province or the press, exactly as given ("5-8", "35 (min)"). Shown beside computed figures, never replaced by them.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id.' }),
    dateLabel: t.exposeString('dateLabel', {
      description: 'Date as the source wrote it ("2021", "2021-12 (early)").',
    }),
    date: t.field({
      type: FactDate,
      nullable: true,
      description: 'Parsed date with its precision, when the label could be read.',
      resolve: (f) => (f.date ? factDate(f.date, f.datePrecision) : null),
    }),
    metric: t.exposeString('metric', {
      description: 'Stable metric key, e.g. "ag_products_3_star_or_more".',
    }),
    value: t.exposeString('value', { description: 'Value exactly as published.' }),
    sources: t.field({
      type: [Source],
      description: 'Pages that publish this figure.',
      resolve: (f, _args, ctx) => ctx.loaders.publishedFigureSources.load(f.id),
    }),
  }),
});

builder.queryFields((t) => ({
  publishedFigures: t.field({
    type: [PublishedFigure],
    description:
      'Figures as published by the province or the press, optionally only metrics starting with a prefix.',
    args: {
      metricPrefix: t.arg.string({ description: 'Only metrics whose key starts with this.' }),
    },
    resolve: (_root, args, ctx) => listPublishedFigures(ctx.em, args.metricPrefix),
  }),
}));
