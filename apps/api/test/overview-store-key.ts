// The worker's store key of the 2021 overview on its last day (modules/plans/plan-progress-
// segments.ts: window, as-of day, plan 152's metrics and PLAN_FIGURES), read from a test database:
// what tests ask knownSegmentsInThread to see which partials the worker keeps.
import type { MikroORM } from '@mikro-orm/core';
import { PLAN_FIGURES } from '../src/modules/plans/plan-progress-figures.js';
import { storeKeyOf } from '../src/modules/plans/plan-progress-segments.js';

export const OVERVIEW_PERIOD = { start: '2021-01-01', end: '2021-12-31' };
export const OVERVIEW_AS_OF = '2021-12-31';

export async function overviewStoreKey(orm: MikroORM): Promise<string> {
  const metrics = (await orm.em
    .fork()
    .getConnection()
    .execute(
      'select t.metric from plan_target t join plan p on p.id = t.plan_id where p.period_start = ? and p.period_end = ?',
      [OVERVIEW_PERIOD.start, OVERVIEW_PERIOD.end],
      'all',
    )) as { metric: string }[];
  return storeKeyOf(
    OVERVIEW_PERIOD,
    OVERVIEW_AS_OF,
    metrics.map((m) => m.metric),
    PLAN_FIGURES,
  );
}
