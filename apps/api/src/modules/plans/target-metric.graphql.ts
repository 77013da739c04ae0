// TargetMetric: the metrics a plan target may name, so the secretariat's plan form offers only
// metrics the domain computes (and only those that fit the target's kind).
import { builder } from '../../graphql/builder.js';
import { TargetKindEnum } from './plan-target.graphql.js';
import { targetMetrics, type TargetMetricInfo } from './plan.service.js';

export const TargetMetric = builder.objectRef<TargetMetricInfo>('TargetMetric');
TargetMetric.implement({
  description: 'A metric a target may compute, with the target kinds it fits.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Metric key, e.g. "products_first_certified".' }),
    definition: t.exposeString('definition', {
      description: 'What it counts (English), as the domain defines it.',
    }),
    kinds: t.field({
      type: [TargetKindEnum],
      description: 'Target kinds it fits (no_data_source fits every kind).',
      resolve: (m) => [...m.kinds],
    }),
  }),
});

builder.queryFields((t) => ({
  targetMetrics: t.field({
    type: [TargetMetric],
    description:
      'Every metric a plan target may name (the computed ones, then no_data_source), for plan forms.',
    resolve: () => targetMetrics(),
  }),
}));
