// Evaluation: a council's scoring of a product, with part maxima from the rule set in force.
import { getRuleSet, isRuleSetCode } from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import { dbEnum, SortDirectionEnum } from '../../graphql/enums.js';
import { connectionComplexity, offsetConnection } from '../../graphql/pagination.js';
import { ProductFilter, toProductQuery } from '../products/product-filter.graphql.js';
import { Product } from '../products/product.graphql.js';
import { factDate, FactDate } from '../shared/fact-date.graphql.js';
import { Source } from '../sources/source.graphql.js';
import { EvaluationLevelEnum } from './evaluation-level.graphql.js';
import { EVALUATION_OUTCOMES, type Evaluation as EvaluationEntity } from './evaluation.entity.js';
import { listEvaluations } from './evaluation.service.js';
import { PartScore, type PartScoreShape } from './part-score.graphql.js';

function partsOf(e: EvaluationEntity): PartScoreShape[] {
  if (!isRuleSetCode(e.ruleSetCode)) return [];
  const scores: Record<string, number | null | undefined> = { A: e.partA, B: e.partB, C: e.partC };
  return getRuleSet(e.ruleSetCode).parts.flatMap((p) => {
    const score = scores[p.code];
    return score == null ? [] : [{ part: p.code, score, max: p.max }];
  });
}

const EvaluationOutcomeEnum = dbEnum('EvaluationOutcome', EVALUATION_OUTCOMES, {
  description: 'Result of an evaluation for the product.',
  valueDescriptions: {
    passed: 'Reached a star class.',
    failed: 'Did not reach 3★ (under 50 points).',
    unknown: 'The source does not say.',
  },
});

export const Evaluation = builder.objectRef<EvaluationEntity>('Evaluation');
Evaluation.implement({
  description:
    'A council’s evaluation of a product. Part scores and totals are null when the source did not publish them.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id.' }),
    product: t.field({
      type: Product,
      description: 'Evaluated product.',
      resolve: (e, _a, ctx) => ctx.loaders.product.get(e.product.id),
    }),
    level: t.field({
      type: EvaluationLevelEnum,
      description: 'Council level.',
      resolve: (e) => e.level,
    }),
    date: t.field({
      type: FactDate,
      description: 'Evaluation date at its source precision.',
      resolve: (e) => factDate(e.date, e.datePrecision),
    }),
    ruleSet: t.exposeString('ruleSetCode', {
      description: 'Rule set in force on the date (QD1048, QD148, QD148_1489).',
    }),
    parts: t.field({
      type: [PartScore],
      description: 'Published part scores with the rule set’s maxima.',
      resolve: partsOf,
    }),
    total: t.float({
      nullable: true,
      description: 'Total out of 100 (council average), when published.',
      resolve: (e) => e.total ?? null,
    }),
    stars: t.int({
      nullable: true,
      description: 'Star class scored, when published.',
      resolve: (e) => e.stars ?? null,
    }),
    potentialFiveStar: t.exposeBoolean('potentialFiveStar', {
      description: '≥90 points at provincial level, sent to the national council.',
    }),
    council: t.string({
      nullable: true,
      description: 'Council as described by the source.',
      resolve: (e) => e.council ?? null,
    }),
    round: t.string({
      nullable: true,
      description: 'Round (đợt) as described by the source.',
      resolve: (e) => e.round ?? null,
    }),
    outcome: t.field({
      type: EvaluationOutcomeEnum,
      description: 'Whether the product passed, when the source says.',
      resolve: (e) => e.outcome,
    }),
    sources: t.field({
      type: [Source],
      description: 'Pages reporting the evaluation.',
      resolve: (e, _a, ctx) => ctx.loaders.evaluationSources.load(e.id),
    }),
  }),
});

const EvaluationSortFieldEnum = builder.enumType('EvaluationSortField', {
  description: 'What an evaluation list is sorted by.',
  values: {
    DATE: { value: 'date', description: 'Evaluation date.' },
    STARS: { value: 'stars', description: 'Stars scored (unpublished count as lowest).' },
    PRODUCT_NAME: {
      value: 'productName',
      description: 'Product name, in Vietnamese alphabetical order.',
    },
  } as const,
});

const EvaluationSort = builder.inputType('EvaluationSort', {
  description: 'Sort order of an evaluation list; ties break by date then id, newest first.',
  fields: (t) => ({
    by: t.field({ type: EvaluationSortFieldEnum, required: true, description: 'Sort key.' }),
    direction: t.field({
      type: SortDirectionEnum,
      defaultValue: 'asc',
      description: 'ASC (default) or DESC.',
    }),
  }),
});

builder.queryFields((t) => ({
  evaluations: t.connection(
    {
      type: Evaluation,
      description:
        'Evaluations, newest first unless `sort` says otherwise. `level`, `evaluationYear`, `evaluatedFrom` and `evaluatedTo` apply to the evaluation itself; other filters to its product.',
      complexity: connectionComplexity('evaluation'),
      args: {
        filter: t.arg({
          type: ProductFilter,
          description: 'Filter (unit, group, level, evaluationYear, evaluatedFrom/To, search…).',
        }),
        sort: t.arg({ type: EvaluationSort, description: 'Sort order (default DATE DESC).' }),
      },
      resolve: (_root, args, ctx) =>
        offsetConnection(args, (page) =>
          listEvaluations(
            ctx.em,
            toProductQuery(ctx, args.filter),
            args.sort
              ? { by: args.sort.by, direction: args.sort.direction ?? 'asc' }
              : { by: 'date', direction: 'desc' },
            page,
          ),
        ),
    },
    { name: 'EvaluationConnection', description: 'A page of evaluations.' },
    { name: 'EvaluationEdge' },
  ),
}));
