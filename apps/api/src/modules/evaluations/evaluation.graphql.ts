// Evaluation: a council's scoring of a product, with part maxima from the rule set in force.
import { getRuleSet, isRuleSetCode } from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import {
  connectionComplexity,
  CONNECTION_ARG_DESCRIPTIONS,
  pageFromArgs,
  toConnection,
} from '../../graphql/pagination.js';
import {
  ProductFilter,
  productWhereFor,
  toListFilter,
} from '../products/product-filter.graphql.js';
import { Product } from '../products/product.graphql.js';
import { Product as ProductEntity } from '../products/product.entity.js';
import { factDate, FactDate } from '../shared/fact-date.graphql.js';
import { Source } from '../sources/source.graphql.js';
import { EvaluationLevelEnum } from './evaluation-level.graphql.js';
import { Evaluation as EvaluationEntity } from './evaluation.entity.js';
import { PartScore, type PartScoreShape } from './part-score.graphql.js';

function partsOf(e: EvaluationEntity): PartScoreShape[] {
  if (!isRuleSetCode(e.ruleSetCode)) return [];
  const scores: Record<string, number | null | undefined> = { A: e.partA, B: e.partB, C: e.partC };
  return getRuleSet(e.ruleSetCode)
    .parts.filter((p) => scores[p.code] != null)
    .map((p) => ({ part: p.code, score: scores[p.code]!, max: p.max }));
}

export const Evaluation = builder.objectRef<EvaluationEntity>('Evaluation');
Evaluation.implement({
  description:
    'A council’s evaluation of a product. Part scores and totals are null when the source did not publish them.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id.' }),
    product: t.field({
      type: Product,
      description: 'Evaluated product.',
      resolve: async (e, _a, ctx) => (await ctx.loaders.product.load(e.product.id))!,
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
    outcome: t.string({
      description: 'PASSED, FAILED or UNKNOWN.',
      resolve: (e) => e.outcome.toUpperCase(),
    }),
    sources: t.field({
      type: [Source],
      description: 'Pages reporting the evaluation.',
      resolve: (e, _a, ctx) => ctx.loaders.evaluationSources.load(e.id),
    }),
  }),
});

const EvaluationConnection = builder.connectionObject({
  type: Evaluation,
  name: 'EvaluationConnection',
  description: 'A page of evaluations.',
  fields: (t) => ({
    totalCount: t.int({
      description: 'Evaluations matching the filter, all pages.',
      resolve: (c) => (c as unknown as { totalCount: number }).totalCount,
    }),
  }),
});

builder.queryFields((t) => ({
  evaluations: t.field({
    type: EvaluationConnection,
    description:
      'Evaluations, newest first. `level` and `year` apply to the evaluation itself; other filters to its product.',
    complexity: connectionComplexity,
    args: {
      first: t.arg.int({ required: true, description: CONNECTION_ARG_DESCRIPTIONS.first }),
      after: t.arg.string({ description: CONNECTION_ARG_DESCRIPTIONS.after }),
      filter: t.arg({
        type: ProductFilter,
        description: 'Filter (unit, group, level, year, search…).',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const page = pageFromArgs(args);
      const filter = await toListFilter(ctx, args.filter);
      const where: Record<string, unknown> = {};
      if (filter.list.level) where.level = filter.list.level;
      if (filter.list.year) where.year = filter.list.year;
      const productFilter = { ...filter, list: { ...filter.list, level: null, year: null } };
      if (
        productFilter.certificateStatus ||
        Object.values(productFilter.list).some((v) => v != null)
      ) {
        const products = await ctx.em.find(
          ProductEntity,
          await productWhereFor(ctx, productFilter),
          { fields: ['id'] },
        );
        where.product = { $in: products.map((p) => p.id) };
      }
      const [items, total] = await ctx.em.findAndCount(EvaluationEntity, where, {
        orderBy: { date: 'desc', id: 'desc' },
        limit: page.limit,
        offset: page.offset,
      });
      return toConnection(items, total, page) as never;
    },
  }),
}));
