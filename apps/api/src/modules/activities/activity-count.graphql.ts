// ActivityCount: activities of one kind in one month; sample (fabricated) rows are flagged.
import { builder } from '../../graphql/builder.js';

export interface ActivityCountShape {
  kind: string;
  month: string;
  count: number;
  sample: boolean;
}

export const ActivityCount = builder.objectRef<ActivityCountShape>('ActivityCount');
ActivityCount.implement({
  description:
    'Number of recorded activities of one kind in one month. No activity records are published: sample = true rows are demo data.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'Activity kind, e.g. "trade_promotion".' }),
    month: t.exposeString('month', { description: 'Month, "YYYY-MM".' }),
    count: t.exposeInt('count', { description: 'Number of activities.' }),
    sample: t.exposeBoolean('sample', { description: 'True for fabricated sample data.' }),
  }),
});
