// Decision and DecisionItem: recognition/revocation decisions, the basis of certificates.
import { builder } from '../../graphql/builder.js';
import { SortDirectionEnum } from '../../graphql/enums.js';
import { validationFailed } from '../../graphql/errors.js';
import { connectionComplexity, offsetConnection } from '../../graphql/pagination.js';
import { EvaluationLevelEnum } from '../evaluations/evaluation-level.graphql.js';
import { Product } from '../products/product.graphql.js';
import { factDate, FactDate } from '../shared/fact-date.graphql.js';
import { Source } from '../sources/source.graphql.js';
import { DecisionActionEnum } from './decision-action.graphql.js';
import type { DecisionItem as DecisionItemEntity } from './decision-item.entity.js';
import type { Decision as DecisionEntity } from './decision.entity.js';
import { listDecisions } from './decision.service.js';
import { IssuingLevelEnum } from './issuing-level.graphql.js';

export const DecisionItem = builder.objectRef<DecisionItemEntity>('DecisionItem');
DecisionItem.implement({
  description: 'One product in a decision.',
  fields: (t) => ({
    product: t.field({
      type: Product,
      description: 'The product.',
      resolve: (i, _a, ctx) => ctx.loaders.product.get(i.product.id),
    }),
    decision: t.field({
      type: Decision,
      description: 'The decision.',
      resolve: (i, _a, ctx) => ctx.loaders.decision.get(i.decision.id),
    }),
    stars: t.int({
      nullable: true,
      description: 'Stars recognised; null = OCOP status confirmed, class unknown.',
      resolve: (i) => i.stars ?? null,
    }),
    action: t.field({
      type: DecisionActionEnum,
      description: 'What the decision does to the product.',
      resolve: (i) => i.action,
    }),
    withoutEvaluation: t.boolean({
      description:
        'True when no evaluation result (a council’s score, or a fail) backs these stars: allowed only for decisions read from a published decision list that gives stars without scores, or where the rule set in force allows it (none of 1048/148/1489 does).',
      resolve: (i) => i.withoutEvaluation,
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
    roundYear: t.exposeInt('year', {
      description:
        'Year of the evaluation round the decision concludes, which can differ from the year of its date: QĐ 86/QĐ-UBND of 27/1/2023 concludes round 2 of 2022.',
    }),
    decisionYear: t.int({
      description: 'Year of the decision’s date (at year precision, the only part known).',
      resolve: (d) => Number(factDate(d.date, d.datePrecision).date.slice(0, 4)),
    }),
    year: t.exposeInt('year', {
      description: 'The evaluation round’s year.',
      deprecationReason:
        'Use roundYear (the evaluation round’s year) or decisionYear (the year of the date).',
    }),
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

const DecisionFilter = builder.inputType('DecisionFilter', {
  description: 'Filter for decisions; conditions combine with AND.',
  fields: (t) => ({
    level: t.field({ type: EvaluationLevelEnum, description: 'Issuing level.' }),
    roundYear: t.int({
      description:
        'Decisions of this evaluation round’s year (QĐ 86/QĐ-UBND of 27/1/2023 is in round year 2022).',
    }),
    decisionYear: t.int({ description: 'Decisions dated in this calendar year.' }),
    year: t.int({
      description: 'Decisions of this evaluation round’s year.',
      deprecationReason: 'Use roundYear (same meaning) or decisionYear (the year of the date).',
    }),
    from: t.field({ type: 'Date', description: 'Decisions dated on or after this day.' }),
    to: t.field({ type: 'Date', description: 'Decisions dated on or before this day.' }),
  }),
});

const DecisionSortFieldEnum = builder.enumType('DecisionSortField', {
  description: 'What a decision list is sorted by.',
  values: { DATE: { value: 'date', description: 'Decision date.' } } as const,
});

const DecisionSort = builder.inputType('DecisionSort', {
  description: 'Sort order of a decision list; ties break by id.',
  fields: (t) => ({
    by: t.field({ type: DecisionSortFieldEnum, required: true, description: 'Sort key.' }),
    direction: t.field({
      type: SortDirectionEnum,
      defaultValue: 'asc',
      description: 'ASC (default) or DESC.',
    }),
  }),
});

builder.queryFields((t) => ({
  decisions: t.connection(
    {
      type: Decision,
      description: 'Decisions, newest first unless `sort` says otherwise.',
      complexity: connectionComplexity('decision'),
      args: {
        filter: t.arg({
          type: DecisionFilter,
          description: 'Level, round year, decision year, date range.',
        }),
        sort: t.arg({ type: DecisionSort, description: 'Sort order (default DATE DESC).' }),
      },
      resolve: (_root, args, ctx) => {
        const f = args.filter ?? {};
        if (f.roundYear != null && f.year != null && f.roundYear !== f.year) {
          throw validationFailed('filter.roundYear', {
            en: 'Give roundYear or its deprecated alias year, not two different values.',
            vi: 'Chỉ dùng roundYear hoặc tên cũ year, không dùng hai giá trị khác nhau.',
          });
        }
        return offsetConnection(args, (page) =>
          listDecisions(
            ctx.em,
            {
              issuingLevel: f.level ?? null,
              roundYear: f.roundYear ?? f.year ?? null,
              decisionYear: f.decisionYear ?? null,
              from: f.from ?? null,
              to: f.to ?? null,
            },
            args.sort
              ? { by: args.sort.by, direction: args.sort.direction ?? 'asc' }
              : { by: 'date', direction: 'desc' },
            page,
          ),
        );
      },
    },
    { name: 'DecisionConnection', description: 'A page of decisions.' },
    { name: 'DecisionEdge' },
  ),
}));
