// Decision and DecisionItem: recognition/revocation decisions, the basis of certificates.
import { builder } from '../../graphql/builder.js';
import {
  connectionComplexity,
  CONNECTION_ARG_DESCRIPTIONS,
  pageFromArgs,
  toConnection,
} from '../../graphql/pagination.js';
import { EvaluationLevelEnum } from '../evaluations/evaluation-level.graphql.js';
import { Product } from '../products/product.graphql.js';
import { factDate, FactDate } from '../shared/fact-date.graphql.js';
import { Source } from '../sources/source.graphql.js';
import type { DecisionItem as DecisionItemEntity } from './decision-item.entity.js';
import { Decision as DecisionEntity } from './decision.entity.js';
import { IssuingLevelEnum } from './issuing-level.graphql.js';

export const DecisionItem = builder.objectRef<DecisionItemEntity>('DecisionItem');
DecisionItem.implement({
  description: 'One product in a decision.',
  fields: (t) => ({
    product: t.field({
      type: Product,
      description: 'The product.',
      resolve: async (i, _a, ctx) => (await ctx.loaders.product.load(i.product.id))!,
    }),
    decision: t.field({
      type: Decision,
      description: 'The decision.',
      resolve: async (i, _a, ctx) => (await ctx.loaders.decision.load(i.decision.id))!,
    }),
    stars: t.int({
      nullable: true,
      description: 'Stars recognised; null = OCOP status confirmed, class unknown.',
      resolve: (i) => i.stars ?? null,
    }),
    action: t.string({
      description: 'RECOGNISE or REVOKE.',
      resolve: (i) => i.action.toUpperCase(),
    }),
  }),
});

export const Decision = builder.objectRef<DecisionEntity>('Decision');
Decision.implement({
  description:
    'A recognition (or revocation) decision. 2020–2021 numbers and dates were mostly not published: number may be null and the date year-only.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id.' }),
    number: t.string({
      nullable: true,
      description: 'Decision number (e.g. "1234/QĐ-UBND"), when published.',
      resolve: (d) => d.number ?? null,
    }),
    date: t.field({
      type: FactDate,
      description: 'Decision date at its source precision.',
      resolve: (d) => factDate(d.date, d.datePrecision),
    }),
    year: t.exposeInt('year', { description: 'Calendar year of the decision.' }),
    issuingLevel: t.field({
      type: IssuingLevelEnum,
      description: 'Who issued it.',
      resolve: (d) => d.issuingLevel,
    }),
    batch: t.string({
      nullable: true,
      description: 'Evaluation round as the source describes it ("đợt 1/2021 …").',
      resolve: (d) => d.batch ?? null,
    }),
    items: t.field({
      type: [DecisionItem],
      description: 'Products in the decision.',
      resolve: (d, _a, ctx) => ctx.loaders.decisionItemsByDecision.load(d.id),
    }),
    sources: t.field({
      type: [Source],
      description: 'Pages that publish the decision or its list.',
      resolve: (d, _a, ctx) => ctx.loaders.decisionSources.load(d.id),
    }),
  }),
});

const DecisionConnection = builder.connectionObject({
  type: Decision,
  name: 'DecisionConnection',
  description: 'A page of decisions.',
  fields: (t) => ({
    totalCount: t.int({
      description: 'Decisions matching the filter, all pages.',
      resolve: (c) => (c as unknown as { totalCount: number }).totalCount,
    }),
  }),
});

const DecisionFilter = builder.inputType('DecisionFilter', {
  description: 'Filter for decisions.',
  fields: (t) => ({
    level: t.field({ type: EvaluationLevelEnum, description: 'Issuing level.' }),
    year: t.int({ description: 'Calendar year of the decision.' }),
  }),
});

builder.queryFields((t) => ({
  decisions: t.field({
    type: DecisionConnection,
    description: 'Decisions, newest first.',
    complexity: connectionComplexity,
    args: {
      first: t.arg.int({ required: true, description: CONNECTION_ARG_DESCRIPTIONS.first }),
      after: t.arg.string({ description: CONNECTION_ARG_DESCRIPTIONS.after }),
      filter: t.arg({ type: DecisionFilter, description: 'Optional level/year filter.' }),
    },
    resolve: async (_root, args, ctx) => {
      const page = pageFromArgs(args);
      const where: Record<string, unknown> = {};
      if (args.filter?.level) where.issuingLevel = args.filter.level;
      if (args.filter?.year) where.year = args.filter.year;
      const [items, total] = await ctx.em.findAndCount(DecisionEntity, where, {
        orderBy: { date: 'desc', id: 'desc' },
        limit: page.limit,
        offset: page.offset,
      });
      return toConnection(items, total, page) as never;
    },
  }),
}));
