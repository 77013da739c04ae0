// StatsResult and the stats query: grouped counts aggregated in SQL (stats.repository), each with
// its basis, as-of day, definition, decisions and sources, so a journalist can cite it.
import { formatFactDate, type EvaluationLevel } from '@ocop/domain';
import { cachedFigure } from '../../cache/figure-cache.js';
import { builder } from '../../graphql/builder.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { EntityTypeEnum } from '../entities/entity.graphql.js';
import { Decision } from '../decisions/decision.graphql.js';
import type { Decision as DecisionEntity } from '../decisions/decision.entity.js';
import { EvaluationLevelEnum } from '../evaluations/evaluation-level.graphql.js';
import { findGroup } from '../products/product-group.graphql.js';
import { Source } from '../sources/source.graphql.js';
import type { Source as SourceEntity } from '../sources/source.entity.js';
import { LEVEL_NAMES_VI } from '../shared/level-names.js';
import {
  countBy,
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

const MEASURE_TEXT: Record<StatsMeasure, string> = {
  products: 'distinct products with an OCOP certificate (3★+ recognition decision)',
  entities: 'distinct entities with at least one certified product',
  evaluations: 'council evaluations',
  certificates: 'OCOP certificates (one per recognition decision item)',
};
const GROUP_TEXT: Record<StatsGroupBy, string> = {
  unit: 'district-level unit',
  group: 'product group',
  stars: 'star class',
  level: 'level',
  year: 'year',
  entityType: 'entity type',
};

function definitionOf(
  measure: StatsMeasure,
  groupBy: StatsGroupBy,
  basis: CertifiedBasis,
  asOf: string,
): string {
  const when =
    measure === 'evaluations'
      ? `dated on or before ${asOf}`
      : basis === 'valid_on_as_of'
        ? `whose certificate is in force on ${asOf} (issued by then, not expired, revoked or superseded; valid 36 months)`
        : `certified on or before ${asOf} (ever certified, whether or not still valid)`;
  return `Count of ${MEASURE_TEXT[measure]} ${when}, grouped by ${GROUP_TEXT[groupBy]}.${starsRule(measure, groupBy, basis, asOf)} Year-only dates count from 31 December of their year, or from an earlier day the source gives (certificates handed over).`;
}

/** How products and entities get their one star (stats.repository: latest certificate per product). */
function starsRule(
  measure: StatsMeasure,
  groupBy: StatsGroupBy,
  basis: CertifiedBasis,
  asOf: string,
): string {
  if (groupBy !== 'stars' || (measure !== 'products' && measure !== 'entities')) return '';
  const latest =
    basis === 'valid_on_as_of'
      ? `its certificate in force on ${asOf} (the latest, if several)`
      : `its latest certificate issued on or before ${asOf} (an upgraded product counts only under its new star)`;
  return measure === 'products'
    ? ` Each product counts once, under the star of ${latest}.`
    : ` Each entity counts once, under the highest star among its products, each product taking the star of ${latest}.`;
}

function starsRuleVi(
  measure: StatsMeasure,
  groupBy: StatsGroupBy,
  basis: CertifiedBasis,
  day: string,
): string {
  if (groupBy !== 'stars' || (measure !== 'products' && measure !== 'entities')) return '';
  const latest =
    basis === 'valid_on_as_of'
      ? `giấy chứng nhận còn hiệu lực vào ngày ${day} (giấy mới nhất, nếu có nhiều giấy)`
      : `giấy chứng nhận mới nhất cấp đến hết ngày ${day} (sản phẩm được nâng hạng chỉ tính ở hạng sao mới)`;
  return measure === 'products'
    ? ` Mỗi sản phẩm chỉ tính một lần, theo hạng sao của ${latest}.`
    : ` Mỗi chủ thể chỉ tính một lần, theo hạng sao cao nhất trong các sản phẩm của chủ thể; mỗi sản phẩm lấy hạng sao của ${latest}.`;
}

const MEASURE_TEXT_VI: Record<StatsMeasure, string> = {
  products: 'sản phẩm khác nhau có giấy chứng nhận OCOP (quyết định công nhận từ 3 sao trở lên)',
  entities: 'chủ thể khác nhau có ít nhất một sản phẩm được chứng nhận',
  evaluations: 'lượt đánh giá của hội đồng',
  certificates: 'giấy chứng nhận OCOP (mỗi mục của quyết định công nhận là một giấy)',
};
const GROUP_TEXT_VI: Record<StatsGroupBy, string> = {
  unit: 'đơn vị cấp huyện',
  group: 'nhóm sản phẩm',
  stars: 'hạng sao',
  level: 'cấp',
  year: 'năm',
  entityType: 'loại hình chủ thể',
};

/** The same definition as {@link definitionOf}, in Vietnamese, with the date as dd/mm/yyyy. */
function definitionViOf(
  measure: StatsMeasure,
  groupBy: StatsGroupBy,
  basis: CertifiedBasis,
  asOf: string,
): string {
  const day = formatFactDate({ date: asOf, precision: 'day' });
  const when =
    measure === 'evaluations'
      ? `có ngày đến hết ngày ${day}`
      : basis === 'valid_on_as_of'
        ? `có giấy chứng nhận còn hiệu lực vào ngày ${day} (đã cấp đến ngày đó, chưa hết hạn, chưa bị thu hồi hoặc thay thế; hiệu lực 36 tháng)`
        : `được chứng nhận đến hết ngày ${day} (từng được chứng nhận, dù nay còn hay đã hết hiệu lực)`;
  return `Số ${MEASURE_TEXT_VI[measure]} ${when}, phân nhóm theo ${GROUP_TEXT_VI[groupBy]}.${starsRuleVi(measure, groupBy, basis, day)} Bản ghi chỉ ghi năm được tính từ ngày 31/12 của năm đó, hoặc từ ngày sớm hơn mà nguồn cho biết (ngày trao giấy chứng nhận).`;
}

const ENTITY_TYPE_LABEL: Record<string, string> = {
  enterprise: 'Doanh nghiệp',
  cooperative: 'Hợp tác xã',
  cooperative_group: 'Tổ hợp tác',
  household_business: 'Hộ kinh doanh / cơ sở sản xuất',
};

async function labelOf(
  ctx: GraphQLContext,
  groupBy: StatsGroupBy,
  key: string | null,
  taxonomy: '1048' | '148',
): Promise<string> {
  // Labels here are Vietnamese like the unit and group names; clients translate null keys themselves.
  if (key === null) return 'Không rõ';
  switch (groupBy) {
    case 'unit':
      return (await ctx.loaders.adminUnitByCode.load(key))?.name ?? key;
    case 'group':
      return findGroup(taxonomy, key)?.nameVi ?? key;
    case 'stars':
      return `${key}★`;
    case 'level':
      if (!(key in LEVEL_NAMES_VI)) return key;
      return LEVEL_NAMES_VI[key as EvaluationLevel].replace(/^c/, 'C');
    case 'entityType':
      return ENTITY_TYPE_LABEL[key] ?? key;
    default:
      return key;
  }
}

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
        filter: {
          unitCode: args.filter?.unitCode ?? null,
          group: args.filter?.group ?? null,
          stars: args.filter?.stars ?? null,
          level: args.filter?.level ?? null,
          year: args.filter?.year ?? null,
          entityType: args.filter?.entityType ?? null,
        },
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
              label: await labelOf(ctx, args.groupBy, r.key, taxonomy),
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
        definition: definitionOf(args.measure, args.groupBy, basis, asOf),
        definitionVi: definitionViOf(args.measure, args.groupBy, basis, asOf),
      };
    },
  }),
}));
