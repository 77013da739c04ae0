// StatsResult and the stats query: grouped counts aggregated in SQL (stats.service.ts), each with
// its basis, as-of day, definition, decisions and sources, so a journalist can cite it. The rows
// are one GROUP BY over one or two keys; totals, decisions/sources and labels are separate parts
// computed only when the query selects them. Every part is cached by data version (public: the
// same for every viewer).
import { builder } from '../../graphql/builder.js';
import { EntityTypeEnum } from '../entities/entity.graphql.js';
import { Decision } from '../decisions/decision.graphql.js';
import { EvaluationLevelEnum } from '../evaluations/evaluation-level.graphql.js';
import { GroupTaxonomyEnum } from '../products/product-group.graphql.js';
import { Source } from '../sources/source.graphql.js';
import { labelOf } from './stats-labels.js';
import {
  statsAnswer,
  statsDecisionsOf,
  statsSourcesOf,
  statsTotalsOf,
  type StatsAnswer,
  type StatsAnswerRow,
} from './stats.service.js';

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

export const StatsRow = builder.objectRef<StatsAnswerRow>('StatsRow');
StatsRow.implement({
  description: 'One group of a stats result: a value of groupBy (and of thenBy when given).',
  fields: (t) => ({
    key: t.string({
      nullable: true,
      description:
        'Group key (unit code, group code, stars, level, year, entity type); null = not given by the source.',
      resolve: (r) => r.key,
    }),
    key2: t.string({
      nullable: true,
      description:
        'The thenBy key of the group; null without thenBy or when the source gives none.',
      resolve: (r) => r.key2,
    }),
    label: t.string({
      description: 'Human label of key (Vietnamese, like the unit and group names).',
      resolve: (r, _a, ctx) =>
        labelOf(ctx, r.query.groupBy, r.key, r.query.groupTaxonomy ?? '1048', r.query.asOf),
    }),
    label2: t.string({
      nullable: true,
      description: 'Human label of key2; null without thenBy.',
      resolve: (r, _a, ctx) =>
        r.query.thenBy
          ? labelOf(ctx, r.query.thenBy, r.key2, r.query.groupTaxonomy ?? '1048', r.query.asOf)
          : null,
    }),
    count: t.exposeInt('count', { description: 'Count in the group (0 for a filled zero cell).' }),
  }),
});

export const StatsResult = builder.objectRef<StatsAnswer>('StatsResult');
StatsResult.implement({
  description:
    'A grouped count that can be cited: as-of day, basis, definition, the decisions it rests on and their sources.',
  fields: (t) => ({
    measure: t.field({
      type: StatsMeasureEnum,
      description: 'What was counted.',
      resolve: (r) => r.query.measure,
    }),
    groupBy: t.field({
      type: StatsGroupByEnum,
      description: 'Grouping (first key).',
      resolve: (r) => r.query.groupBy,
    }),
    thenBy: t.field({
      type: StatsGroupByEnum,
      nullable: true,
      description: 'Second key of the grouping, if any.',
      resolve: (r) => r.query.thenBy ?? null,
    }),
    basis: t.field({
      type: CertifiedBasisEnum,
      description: 'Ever certified, or valid on asOf.',
      resolve: (r) => r.query.basis ?? 'ever_certified',
    }),
    asOf: t.field({
      type: 'Date',
      description: 'Day counted for.',
      resolve: (r) => r.query.asOf,
    }),
    definition: t.exposeString('definition', {
      description: 'What exactly is counted, in words (English).',
    }),
    definitionVi: t.exposeString('definitionVi', {
      description: 'The same definition in Vietnamese (dates as dd/mm/yyyy).',
    }),
    rows: t.field({
      type: [StatsRow],
      description: 'Groups, largest first (then by key and key2).',
      resolve: (r) => r.rows,
    }),
    total: t.int({
      description:
        'Distinct records counted overall (a record in two groups counts once); computed only when asked for.',
      resolve: async (r, _a, ctx) => (await statsTotalsOf(ctx, r.query)).total,
    }),
    yearOnlyRecords: t.int({
      description: 'Records dated only by year that the count used; computed only when asked for.',
      resolve: async (r, _a, ctx) => (await statsTotalsOf(ctx, r.query)).yearOnlyRecords,
    }),
    decisions: t.field({
      type: [Decision],
      description: 'Decisions the count rests on (certificate-based measures).',
      resolve: (r, _a, ctx) => statsDecisionsOf(ctx, r.query),
    }),
    sources: t.field({
      type: [Source],
      description: 'Sources of those decisions, without duplicates.',
      resolve: (r, _a, ctx) => statsSourcesOf(ctx, r.query),
    }),
  }),
});

builder.queryFields((t) => ({
  stats: t.field({
    type: StatsResult,
    description:
      'Grouped counts aggregated in the database (one GROUP BY over groupBy and, when given, thenBy), with definition, basis and sources.',
    args: {
      measure: t.arg({ type: StatsMeasureEnum, required: true, description: 'What to count.' }),
      groupBy: t.arg({ type: StatsGroupByEnum, required: true, description: 'How to group.' }),
      thenBy: t.arg({
        type: StatsGroupByEnum,
        description: 'A second key (e.g. groupBy: UNIT, thenBy: STARS): one row per pair.',
      }),
      fillZeros: t.arg.boolean({
        description:
          'Add a row with count 0 for every combination of key values without records (units in force on asOf, star classes, levels, years since 2019, groups, entity types). Default false.',
      }),
      followUnitLineage: t.arg.boolean({
        description:
          'With UNIT as a key: count the records of a unit that had ended before asOf under its successor in force then (huyện Tịnh Biên → thị xã Tịnh Biên from 2023-02-13). Default false: each record under the unit it was recorded in.',
      }),
      basis: t.arg({ type: CertifiedBasisEnum, description: 'Default EVER_CERTIFIED.' }),
      asOf: t.arg({ type: 'Date', description: 'Day to count for (default today).' }),
      filter: t.arg({ type: StatsFilterInput, description: 'Filters.' }),
      groupTaxonomy: t.arg({
        type: GroupTaxonomyEnum,
        description: 'Taxonomy of GROUP keys (default QD1048).',
      }),
    },
    resolve: (_root, args, ctx) => statsAnswer(ctx, args),
  }),
}));
