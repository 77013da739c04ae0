// PlanTarget: one numeric target of a plan; its progress is computed on demand.
import { builder } from '../../graphql/builder.js';
import { dbEnum } from '../../graphql/enums.js';
import { Department } from '../departments/department.graphql.js';
import { planAsOf, progressOf, targetOwner } from './plan-facts.js';
import { TARGET_KINDS, type PlanTarget as PlanTargetEntity } from './plan-target.entity.js';
import type { Plan } from './plan.entity.js';
import { TargetProgress } from './target-progress.graphql.js';

export interface PlanTargetShape {
  target: PlanTargetEntity;
  plan: Plan;
  /** as-of day passed down from Plan.targets(asOf), if any. */
  asOf: string | null;
}

export const TargetKindEnum = dbEnum('TargetKind', TARGET_KINDS, {
  description: 'How a target is judged.',
  valueDescriptions: {
    count_at_least: 'A count reaching the target.',
    count_between: 'A count within a range ("5-8"); met at the lower bound.',
    share_at_least: 'A percentage reaching the target.',
    each_unit_at_least: 'Every unit (e.g. district) reaching the target.',
  },
});

export const PlanTarget = builder.objectRef<PlanTargetShape>('PlanTarget');
PlanTarget.implement({
  description: 'One numeric target of a plan, with the exact definition the computation uses.',
  fields: (t) => ({
    id: t.id({ description: 'Database id.', resolve: ({ target }) => target.id }),
    code: t.string({
      description: 'Stable code, e.g. "T1-CERTIFIED".',
      resolve: ({ target }) => target.code,
    }),
    kind: t.field({
      type: TargetKindEnum,
      description: 'How it is judged.',
      resolve: ({ target }) => target.kind,
    }),
    labelVi: t.string({
      description: 'Label in Vietnamese, as in the plan.',
      resolve: ({ target }) => target.labelVi,
    }),
    labelEn: t.string({
      description: 'Label in English.',
      resolve: ({ target }) => target.labelEn,
    }),
    definition: t.string({
      description: 'What is counted, exactly (English).',
      resolve: ({ target }) => target.definition,
    }),
    definitionVi: t.string({
      nullable: true,
      description:
        'What is counted, in Vietnamese; null when the plan gives no Vietnamese definition.',
      resolve: ({ target }) => target.definitionVi ?? null,
    }),
    targetValue: t.float({
      description: 'Target (lower bound of a range; per unit for per-unit targets).',
      resolve: ({ target }) => target.targetValue,
    }),
    targetMax: t.float({
      nullable: true,
      description: 'Upper bound of a range.',
      resolve: ({ target }) => target.targetMax ?? null,
    }),
    unitLabel: t.string({
      description: 'Unit of the value: "products", "entities", "percent".',
      resolve: ({ target }) => target.unitLabel,
    }),
    scope: t.string({
      description: 'What the target applies to, as in the plan.',
      resolve: ({ target }) => target.scope,
    }),
    sourceUrl: t.string({
      nullable: true,
      description: 'Where the target was published.',
      resolve: ({ target }) => target.sourceUrl ?? null,
    }),
    note: t.string({
      nullable: true,
      description:
        'Caveats, e.g. another source giving a different figure (both are kept as targets).',
      resolve: ({ target }) => target.note ?? null,
    }),
    metric: t.string({
      description:
        'Metric computed (e.g. "products_certified_3star"); "no_data_source" when the facts are not recorded.',
      resolve: ({ target }) => target.metric,
    }),
    version: t.int({
      description: 'Optimistic-concurrency version; pass it to updateTarget.',
      resolve: ({ target }) => target.version,
    }),
    owner: t.field({
      type: Department,
      nullable: true,
      description: 'Department responsible.',
      resolve: ({ target }, _a, ctx) => targetOwner(ctx, target),
    }),
    progress: t.field({
      type: TargetProgress,
      description:
        'Progress on `asOf`: default the as-of of Plan.targets, else today, or the period end for a plan already over.',
      args: { asOf: t.arg({ type: 'Date', description: 'Day to compute for.' }) },
      resolve: ({ target, plan, asOf }, args, ctx) =>
        progressOf(ctx, target, plan, planAsOf(plan, ctx.today, args.asOf, asOf)),
    }),
  }),
});
