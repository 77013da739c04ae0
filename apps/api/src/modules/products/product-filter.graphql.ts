// ProductFilter and ProductSort: the arguments shared by the products, entities and evaluations
// connections, read into the service's ProductQuery (product.service.ts runs them).
import { builder } from '../../graphql/builder.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { SortDirectionEnum } from '../../graphql/enums.js';
import { validationFailed } from '../../graphql/errors.js';
import { CertificateStatusEnum } from '../certificates/certificate.graphql.js';
import { EntityTypeEnum } from '../entities/entity-type.graphql.js';
import { EvaluationLevelEnum } from '../evaluations/evaluation-level.graphql.js';
import type { ProductQuery, ProductSortField, Sort } from './product.service.js';

const STARS_EVER = 'Products recognised at least once with one of these star classes (any date).';

export const ProductFilter = builder.inputType('ProductFilter', {
  description:
    'Filters combine with AND. Text filters ignore case and Vietnamese diacritics ("cho moi" = "Chợ Mới"). Years: `roundYear` is the evaluation round’s year (QĐ 86/QĐ-UBND of 27/1/2023 is round 2 of 2022), `evaluationYear` / `decisionYear` the year of the date itself.',
  fields: (t) => ({
    unitCode: t.string({ description: 'District-level unit code, e.g. "cho-moi".' }),
    commune: t.string({ description: 'Commune name, diacritics optional.' }),
    group: t.string({
      description:
        'Product group code in either taxonomy (1048 or 148), e.g. "food", "handicraft".',
    }),
    starsEver: t.intList({ description: STARS_EVER }),
    starsOnDate: t.intList({
      description:
        'Products whose certificate in force on `asOf` (valid or expiring) has one of these star classes — the question `stats` answers.',
    }),
    stars: t.intList({
      description: STARS_EVER,
      deprecationReason: 'Use starsEver (or starsOnDate for the stars held on `asOf`).',
    }),
    level: t.field({
      type: EvaluationLevelEnum,
      description: 'Evaluated at this council level (on evaluations: the evaluation’s level).',
    }),
    evaluationYear: t.int({
      description: 'Evaluated on a date in this calendar year (on evaluations: their date’s year).',
    }),
    year: t.int({
      description: 'Evaluated on a date in this calendar year.',
      deprecationReason:
        'Use evaluationYear (the evaluation date’s year) or roundYear (the evaluation round’s year).',
    }),
    evaluatedFrom: t.field({
      type: 'Date',
      description: 'Evaluated on or after this day (on evaluations: their date).',
    }),
    evaluatedTo: t.field({
      type: 'Date',
      description: 'Evaluated on or before this day (on evaluations: their date).',
    }),
    roundYear: t.int({
      description:
        'Recognised in a decision of this evaluation round’s year (Decision.roundYear), whatever the decision’s date.',
    }),
    decisionYear: t.int({ description: 'Recognised by a decision dated in this calendar year.' }),
    decidedFrom: t.field({
      type: 'Date',
      description: 'Recognised by a decision on or after this day.',
    }),
    decidedTo: t.field({
      type: 'Date',
      description: 'Recognised by a decision on or before this day.',
    }),
    decisionId: t.id({ description: 'Products in this decision.' }),
    entityType: t.field({
      type: EntityTypeEnum,
      description: 'Legal form of the product’s entity.',
    }),
    certificateStatus: t.field({
      type: CertificateStatusEnum,
      description: 'Products whose certificate has this status on `asOf`.',
    }),
    asOf: t.field({
      type: 'Date',
      description: 'Day for `starsOnDate` and `certificateStatus` (default today).',
    }),
    search: t.string({
      description:
        'Words in the product name, commune, entity name or unit name; diacritics optional ("mam ca" finds "Mắm cá").',
    }),
  }),
});

export const ProductSortFieldEnum = builder.enumType('ProductSortField', {
  description: 'What a product list is sorted by.',
  values: {
    NAME: {
      value: 'name',
      description:
        'Product name, in Vietnamese alphabetical order (a ă â … d đ … o ô ơ … u ư; tones only between equal letters, then lower case before upper).',
    },
    STARS: {
      value: 'stars',
      description: 'Current stars (of the latest decision; revoked or unknown count as 0).',
    },
    DECISION_DATE: { value: 'decisionDate', description: 'Date of the latest decision.' },
  } as const,
});

export const ProductSort = builder.inputType('ProductSort', {
  description: 'Sort order of a product list; ties break by name, then id.',
  fields: (t) => ({
    by: t.field({ type: ProductSortFieldEnum, required: true, description: 'Sort key.' }),
    direction: t.field({
      type: SortDirectionEnum,
      defaultValue: 'asc',
      description: 'ASC (default) or DESC.',
    }),
  }),
});

type ProductFilterInput = typeof ProductFilter.$inferInput;
type ProductSortInput = typeof ProductSort.$inferInput;

/** The sort asked for, or `fallback`. */
export function toProductSort(
  input: ProductSortInput | null | undefined,
  fallback: Sort<ProductSortField> = { by: 'name', direction: 'asc' },
): Sort<ProductSortField> {
  return input ? { by: input.by, direction: input.direction ?? 'asc' } : fallback;
}

function optionalId(field: string, value: string | number | null | undefined): number | null {
  if (value == null) return null;
  const id = Number(value);
  if (!Number.isInteger(id)) {
    throw validationFailed(field, {
      en: `${field} must be a numeric id, got "${value}".`,
      vi: `${field} phải là mã số, nhận được "${value}".`,
    });
  }
  return id;
}

function firstOf<T>(field: string, current: T | null | undefined, old: T | null | undefined) {
  if (current != null && old != null && JSON.stringify(current) !== JSON.stringify(old)) {
    throw validationFailed(`filter.${field}`, {
      en: `Give ${field} or its deprecated alias, not two different values.`,
      vi: `Chỉ dùng ${field} hoặc tên cũ của nó, không dùng hai giá trị khác nhau.`,
    });
  }
  return current ?? old ?? null;
}

/** Reads the GraphQL filter into the service's query (deprecated names map to the new ones). */
export function toProductQuery(
  ctx: GraphQLContext,
  input: ProductFilterInput | null | undefined,
): ProductQuery {
  const f = input ?? {};
  const starsEver = firstOf('starsEver', f.starsEver, f.stars);
  return {
    unitCode: f.unitCode ?? null,
    commune: f.commune ?? null,
    group: f.group ?? null,
    entityType: f.entityType ?? null,
    search: f.search?.trim() ? f.search : null,
    starsEver: starsEver?.length ? starsEver : null,
    starsOnDate: f.starsOnDate?.length ? f.starsOnDate : null,
    level: f.level ?? null,
    evaluationYear: firstOf('evaluationYear', f.evaluationYear, f.year),
    evaluatedFrom: f.evaluatedFrom ?? null,
    evaluatedTo: f.evaluatedTo ?? null,
    roundYear: f.roundYear ?? null,
    decisionYear: f.decisionYear ?? null,
    decidedFrom: f.decidedFrom ?? null,
    decidedTo: f.decidedTo ?? null,
    decisionId: optionalId('filter.decisionId', f.decisionId),
    certificateStatus: f.certificateStatus ?? null,
    asOf: f.asOf ?? ctx.today,
  };
}
