// StatsResult and the stats query: grouped counts aggregated in SQL (stats.repository), each with
// its basis, as-of day, definition, decisions and sources, so a journalist can cite it.
import { cachedFigure } from '../../cache/figure-cache.js';
import { builder } from '../../graphql/builder.js';
import { EntityTypeEnum } from '../entities/entity.graphql.js';
import { Decision } from '../decisions/decision.graphql.js';
import type { Decision as DecisionEntity } from '../decisions/decision.entity.js';
import { EvaluationLevelEnum } from '../evaluations/evaluation-level.graphql.js';
import { Source } from '../sources/source.graphql.js';
import type { Source as SourceEntity } from '../sources/source.entity.js';
import { statsDefinition } from './stats-definition.js';
import { definitionOf, filterNames, labelOf } from './stats-labels.js';
import {
  countBy,
  normalizeStatsFilter,
  type CertifiedBasis,
  type StatsCounts,
  type StatsGroupBy,
  type StatsMeasure,
} from './stats.repository.js';
import { requireUnitCode } from '../shared/known-codes.js';

export const StatsMeasureEnum = builder.enumType('StatsMeasure', {
  description: 'What to count.',
  values: {
    PRODUCTS: { value: 'products', description: 'Distinct certified products (3★+ recognition).' },
    ENTITIES: { value: 'entities', description: 'Distinct entities with a certified product.' },
    EVALUATIONS: { value: 'evaluations', description: 'Council evaluations.' },
    CERTIFICATES: {
      value: 'certificates',
      description: 'Certificates (a re-certified product counts once per certificate).',
    },
  } as const,
});

export const StatsGroupByEnum = builder.enumType('StatsGroupBy', {
  description: 'How to group the counts.',
  values: {
    UNIT: { value: 'unit', description: 'District-level unit.' },
    GROUP: { value: 'group', description: 'Product group (taxonomy chosen by groupTaxonomy).' },
    STARS: {
      value: 'stars',
      description:
        "Star class. Products count once, under the star of their latest certificate on asOf (an upgraded product only under its new star); entities once, under their products' highest such star.",
    },
    LEVEL: { value: 'level', description: 'Council or issuing level.' },
    YEAR: { value: 'year', description: 'Year of the evaluation or decision.' },
    ENTITY_TYPE: { value: 'entityType', description: 'Legal form of the entity.' },
  } as const,
});

export const CertifiedBasisEnum = builder.enumType('CertifiedBasis', {
  description: 'Which "certified" a count means; the press mixes them up.',
  values: {
    EVER_CERTIFIED: {
      value: 'ever_certified',
      description: 'A certificate issued on or before asOf, whatever happened since.',
    },
    VALID_ON_AS_OF: {
      value: 'valid_on_as_of',
      description: 'A certificate in force on asOf: not expired, revoked or superseded.',
    },
  } as const,
});

export const StatsFilterInput = builder.inputType('StatsFilter', {
  description: 'Filters for stats, combined with AND.',
  fields: (t) => ({
    unitCode: t.string({ description: 'District-level unit code.' }),
    group: t.string({ description: 'Product group code in either taxonomy.' }),
    stars: t.intList({
      description:
        "Star classes (for products and entities: the star of each product's latest certificate on asOf, as in STARS).",
    }),
    level: t.field({ type: EvaluationLevelEnum, description: 'Council or issuing level.' }),
    year: t.int({ description: 'Year of the evaluation or decision.' }),
    entityType: t.field({ type: EntityTypeEnum, description: 'Legal form of the entity.' }),
  }),
});

interface StatsRowShape {
  key: string | null;
  label: string;
  count: number;
}

interface StatsResultShape extends Omit<StatsCounts, 'rows'> {
  measure: StatsMeasure;
  groupBy: StatsGroupBy;
  basis: CertifiedBasis;
  asOf: string;
  definition: string;
  definitionVi: string;
  rows: StatsRowShape[];
}

export const StatsRow = builder.objectRef<StatsRowShape>('StatsRow');
StatsRow.implement({
  description: 'One group of a stats result.',
  fields: (t) => ({
    key: t.string({
      nullable: true,
      description:
        'Group key (unit code, group code, stars, level, year, entity type); null = not given by the source.',
      resolve: (r) => r.key,
    }),
    label: t.exposeString('label', { description: 'Human label of the group.' }),
    count: t.exposeInt('count', { description: 'Count in the group.' }),
  }),
});

export const StatsResult = builder.objectRef<StatsResultShape>('StatsResult');
StatsResult.implement({
  description:
    'A grouped count that can be cited: as-of day, basis, definition, the decisions it rests on and their sources.',
  fields: (t) => ({
    measure: t.field({
      type: StatsMeasureEnum,
      description: 'What was counted.',
      resolve: (r) => r.measure,
    }),
    groupBy: t.field({
      type: StatsGroupByEnum,
      description: 'Grouping.',
      resolve: (r) => r.groupBy,
    }),
    basis: t.field({
      type: CertifiedBasisEnum,
      description: 'Ever certified, or valid on asOf.',
      resolve: (r) => r.basis,
    }),
    asOf: t.field({ type: 'Date', description: 'Day counted for.', resolve: (r) => r.asOf }),
    definition: t.exposeString('definition', {
      description: 'What exactly is counted, in words (English).',
    }),
    definitionVi: t.exposeString('definitionVi', {
      description: 'The same definition in Vietnamese (dates as dd/mm/yyyy).',
    }),
    rows: t.field({
      type: [StatsRow],
      description: 'Groups, largest first.',
      resolve: (r) => r.rows,
    }),
    total: t.exposeInt('total', {
      description: 'Distinct records counted overall (a record in two groups counts once).',
    }),
    yearOnlyRecords: t.exposeInt('yearOnlyRecords', {
      description: 'Records dated only by year that the count used.',
    }),
    decisions: t.field({
      type: [Decision],
      description: 'Decisions the count rests on (certificate-based measures).',
      resolve: async (r, _a, ctx) =>
        (await ctx.loaders.decision.loadMany(r.decisionIds)).filter(
          (d): d is DecisionEntity => !!d && !(d instanceof Error),
        ),
    }),
    sources: t.field({
      type: [Source],
      description: 'Sources of those decisions, without duplicates.',
      resolve: async (r, _a, ctx) => {
        const lists = await ctx.loaders.decisionSources.loadMany(r.decisionIds);
        const seen = new Map<number, SourceEntity>();
        for (const list of lists) if (Array.isArray(list)) for (const s of list) seen.set(s.id, s);
        return [...seen.values()].sort((a, b) => a.id - b.id);
      },
    }),
  }),
});

builder.queryFields((t) => ({
  stats: t.field({
    type: StatsResult,
    description: 'Grouped counts aggregated in the database, with definition, basis and sources.',
    args: {
      measure: t.arg({ type: StatsMeasureEnum, required: true, description: 'What to count.' }),
      groupBy: t.arg({ type: StatsGroupByEnum, required: true, description: 'How to group.' }),
      basis: t.arg({ type: CertifiedBasisEnum, description: 'Default EVER_CERTIFIED.' }),
      asOf: t.arg({ type: 'Date', description: 'Day to count for (default today).' }),
      filter: t.arg({ type: StatsFilterInput, description: 'Filters.' }),
      groupTaxonomy: t.arg.string({
        description: 'Taxonomy of GROUP keys: "1048" (default) or "148".',
      }),
    },
    resolve: async (_root, args, ctx) => {
      await requireUnitCode(ctx.em, args.filter?.unitCode, 'filter.unitCode');
      const basis = args.basis ?? 'ever_certified';
      const asOf = args.asOf ?? ctx.today;
      const taxonomy = args.groupTaxonomy === '148' ? '148' : '1048';
      const query = {
        measure: args.measure,
        groupBy: args.groupBy,
        basis,
        asOf,
        groupTaxonomy: taxonomy,
        filter: normalizeStatsFilter(args.filter),
      } as const;
      // Public counts: the key is the normalised query (defaults applied), so asking with or
      // without a default gives one entry. Labels are cached with the rows (unit names are data).
      const { rows, ...counts } = await cachedFigure(ctx, 'stats', query, async () => {
        const counted = await countBy(ctx.em, query);
        return {
          ...counted,
          rows: await Promise.all(
            counted.rows.map(async (r) => ({
              ...r,
              label: await labelOf(ctx, args.groupBy, r.key, taxonomy, asOf),
            })),
          ),
        };
      });
      return {
        ...counts,
        rows,
        measure: args.measure,
        groupBy: args.groupBy,
        basis,
        asOf,
        ...definitionOf(statsDefinition(query, await filterNames(ctx, query.filter))),
      };
    },
  }),
}));
