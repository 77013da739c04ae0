// PlanTarget.trend: the target's progress at each month end of the plan period, for sparklines.
import { builder } from '../../graphql/builder.js';
import { planAsOf } from './plan-facts.js';
import { PlanTarget } from './plan-target.graphql.js';
import { TargetStatusEnum } from './target-progress.graphql.js';
import { targetTrend, type TrendPoint } from './target-trend.service.js';

export const TargetTrendPoint = builder.objectRef<TrendPoint>('TargetTrendPoint');
TargetTrendPoint.implement({
  description: 'A target’s progress on one day (a month end of the plan period).',
  fields: (t) => ({
    date: t.field({ type: 'Date', description: 'The day.', resolve: (p) => p.date }),
    actual: t.float({
      nullable: true,
      description: 'As TargetProgress.actual on that day (null = no data).',
      resolve: (p) => p.progress.actual,
    }),
    target: t.float({
      description: 'Target in force on that day (amendments apply).',
      resolve: (p) => p.progress.target,
    }),
    ratio: t.float({
      nullable: true,
      description: 'actual / target; null with no data.',
      resolve: (p) => p.progress.ratio,
    }),
    status: t.field({
      type: TargetStatusEnum,
      description: 'Status on that day.',
      resolve: (p) => p.progress.status,
    }),
  }),
});

builder.objectField(PlanTarget, 'trend', (t) =>
  t.field({
    type: [TargetTrendPoint],
    description:
      'Progress at every month end of the plan period up to `asOf` (default as for progress; the last point is asOf itself inside a month). One fact load per plan and request.',
    args: { asOf: t.arg({ type: 'Date', description: 'Last day (default as for progress).' }) },
    resolve: ({ target, plan, asOf }, args, ctx) =>
      targetTrend(ctx, target, plan, planAsOf(plan, ctx.today, args.asOf, asOf)),
  }),
);
