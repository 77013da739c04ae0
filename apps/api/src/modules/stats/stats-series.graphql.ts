// statsSeries: the stats measures as a time series (one point per month, quarter or year,
// zeros included), counted in SQL by stats-series.service.ts.
import { builder } from '../../graphql/builder.js';
import {
  statsSeries,
  type SeriesPoint,
  type StatsSeries as SeriesShape,
} from './stats-series.service.js';
import { seriesDefinition } from './stats-definition.js';
import { CertifiedBasisEnum, StatsFilterInput, StatsMeasureEnum } from './stats.graphql.js';

export const SeriesIntervalEnum = builder.enumType('SeriesInterval', {
  description: 'Calendar interval of a time series.',
  values: {
    MONTH: { value: 'month', description: 'Calendar month ("2021-03").' },
    QUARTER: { value: 'quarter', description: 'Calendar quarter ("2021-Q1").' },
    YEAR: { value: 'year', description: 'Calendar year ("2021").' },
  } as const,
});

const SeriesPointRef = builder.objectRef<SeriesPoint>('SeriesPoint');
SeriesPointRef.implement({
  description: 'One interval of a series.',
  fields: (t) => ({
    label: t.exposeString('label', { description: '"2021-03", "2021-Q1" or "2021".' }),
    start: t.field({ type: 'Date', description: 'First day.', resolve: (p) => p.start }),
    end: t.field({ type: 'Date', description: 'Last day.', resolve: (p) => p.end }),
    count: t.exposeInt('count', { description: 'Count (0 when nothing happened).' }),
    yearOnlyRecords: t.exposeInt('yearOnlyRecords', {
      description:
        'Records dated only by year in this count (they fall on 31 December, or on an earlier day the source gives).',
    }),
  }),
});

const StatsSeries = builder.objectRef<SeriesShape>('StatsSeries');
StatsSeries.implement({
  description: 'A stats measure over time, one point per interval, with its definition.',
  fields: (t) => ({
    measure: t.field({
      type: StatsMeasureEnum,
      description: 'What was counted.',
      resolve: (s) => s.measure,
    }),
    interval: t.field({
      type: SeriesIntervalEnum,
      description: 'Interval.',
      resolve: (s) => s.interval,
    }),
    basis: t.field({
      type: CertifiedBasisEnum,
      description: 'Ever certified, or in force.',
      resolve: (s) => s.basis,
    }),
    cumulative: t.exposeBoolean('cumulative', {
      description: 'Running count up to each interval end.',
    }),
    from: t.field({ type: 'Date', description: 'First day asked for.', resolve: (s) => s.from }),
    to: t.field({ type: 'Date', description: 'Last day asked for.', resolve: (s) => s.to }),
    definition: t.string({
      description: 'What is counted (English).',
      resolve: (s) => seriesDefinition(s, s.names).en,
    }),
    definitionVi: t.string({
      description: 'What is counted (Vietnamese).',
      resolve: (s) => seriesDefinition(s, s.names).vi,
    }),
    points: t.field({
      type: [SeriesPointRef],
      description: 'One point per interval, in order.',
      resolve: (s) => s.points,
    }),
  }),
});

builder.queryFields((t) => ({
  statsSeries: t.field({
    type: StatsSeries,
    description:
      'A stats measure as a time series: one point per month, quarter or year from `from` to `to` (at most 400), zeros included; per interval or cumulative; same filters and basis as stats.',
    args: {
      measure: t.arg({ type: StatsMeasureEnum, required: true, description: 'What to count.' }),
      interval: t.arg({ type: SeriesIntervalEnum, required: true, description: 'Interval.' }),
      from: t.arg({ type: 'Date', required: true, description: 'First day.' }),
      to: t.arg({ type: 'Date', description: 'Last day (default today).' }),
      cumulative: t.arg.boolean({ description: 'Running count (default false).' }),
      basis: t.arg({ type: CertifiedBasisEnum, description: 'Default EVER_CERTIFIED.' }),
      filter: t.arg({ type: StatsFilterInput, description: 'Filters, as for stats.' }),
    },
    resolve: (_root, args, ctx) => statsSeries(ctx, args),
  }),
}));
