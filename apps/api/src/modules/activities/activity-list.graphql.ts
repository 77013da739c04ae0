// The public `activities` connection: department activities, recorded ones by default; the
// generated sample rows (SAMPLE_ACTIVITIES, see README "Facts, definitions and sources") only
// when asked for.
import { builder } from '../../graphql/builder.js';
import { SortDirectionEnum } from '../../graphql/enums.js';
import { connectionComplexity, offsetConnection } from '../../graphql/pagination.js';
import { Activity } from './activity.graphql.js';
import { listActivities } from './activity.service.js';

const ActivityFilter = builder.inputType('ActivityFilter', {
  description: 'Filter for activities; conditions combine with AND.',
  fields: (t) => ({
    sample: t.boolean({
      defaultValue: false,
      description:
        'false (default): recorded activities only; true: only the generated sample rows (demo data, never facts); null: both.',
    }),
    departmentCode: t.string({ description: 'Department code, e.g. "SNN".' }),
    kind: t.string({ description: 'Activity kind, e.g. "trade_promotion".' }),
    unitCode: t.string({ description: 'District-level unit where it took place.' }),
    from: t.field({ type: 'Date', description: 'Activities dated on or after this day.' }),
    to: t.field({ type: 'Date', description: 'Activities dated on or before this day.' }),
  }),
});

const ActivitySortFieldEnum = builder.enumType('ActivitySortField', {
  description: 'What an activity list is sorted by.',
  values: { DATE: { value: 'date', description: 'Activity date.' } } as const,
});

const ActivitySort = builder.inputType('ActivitySort', {
  description: 'Sort order of an activity list; ties break by id.',
  fields: (t) => ({
    by: t.field({ type: ActivitySortFieldEnum, required: true, description: 'Sort key.' }),
    direction: t.field({
      type: SortDirectionEnum,
      defaultValue: 'asc',
      description: 'ASC (default) or DESC.',
    }),
  }),
});

builder.queryFields((t) => ({
  activities: t.connection(
    {
      type: Activity,
      description:
        'Department activities, newest first unless `sort` says otherwise. Recorded activities only unless filter.sample says otherwise.',
      complexity: connectionComplexity('activity'),
      args: {
        filter: t.arg({ type: ActivityFilter, description: 'Sample, department, kind, dates.' }),
        sort: t.arg({ type: ActivitySort, description: 'Sort order (default DATE DESC).' }),
      },
      resolve: (_root, args, ctx) => {
        const f = args.filter;
        return offsetConnection(args, (page) =>
          listActivities(
            ctx.em,
            {
              // No filter at all: recorded activities only, as the field's default says.
              sample: f ? (f.sample ?? null) : false,
              departmentCode: f?.departmentCode ?? null,
              kind: f?.kind ?? null,
              unitCode: f?.unitCode ?? null,
              from: f?.from ?? null,
              to: f?.to ?? null,
            },
            args.sort
              ? { by: args.sort.by, direction: args.sort.direction ?? 'asc' }
              : { by: 'date', direction: 'desc' },
            page,
          ),
        );
      },
    },
    { name: 'ActivityConnection', description: 'A page of activities.' },
    { name: 'ActivityEdge' },
  ),
}));
