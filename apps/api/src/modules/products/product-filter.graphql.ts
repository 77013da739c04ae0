// ProductFilter: the filter shared by the products, entities and evaluations connections.
import type { FilterQuery } from '@mikro-orm/core';
import { builder } from '../../graphql/builder.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { API_ERROR_CODES, apiError } from '../../graphql/errors.js';
import { Certificate as CertificateEntity } from '../certificates/certificate.entity.js';
import {
  CertificateStatusEnum,
  certificateOn,
  statusOn,
} from '../certificates/certificate.graphql.js';
import { EntityTypeEnum } from '../entities/entity.graphql.js';
import { EvaluationLevelEnum } from '../evaluations/evaluation-level.graphql.js';
import type { Product } from './product.entity.js';
import { productWhere, searchPattern, type ProductListFilter } from './product.repository.js';

export const ProductFilter = builder.inputType('ProductFilter', {
  description:
    'Filters combine with AND. Text filters ignore case and Vietnamese diacritics ("cho moi" = "Chợ Mới").',
  fields: (t) => ({
    unitCode: t.string({ description: 'District-level unit code, e.g. "cho-moi".' }),
    commune: t.string({ description: 'Commune name, diacritics optional.' }),
    group: t.string({
      description:
        'Product group code in either taxonomy (1048 or 148), e.g. "food", "handicraft".',
    }),
    stars: t.intList({ description: 'Products recognised with one of these star classes.' }),
    level: t.field({
      type: EvaluationLevelEnum,
      description: 'Products evaluated at this council level.',
    }),
    year: t.int({ description: 'Products evaluated in this year.' }),
    decisionId: t.id({ description: 'Products in this decision.' }),
    entityType: t.field({
      type: EntityTypeEnum,
      description: 'Legal form of the product’s entity.',
    }),
    certificateStatus: t.field({
      type: CertificateStatusEnum,
      description: 'Products whose certificate has this status on `asOf`.',
    }),
    asOf: t.field({ type: 'Date', description: 'Day for `certificateStatus` (default today).' }),
    search: t.string({
      description:
        'Words in the product name, commune or entity name; diacritics optional ("mam ca" finds "Mắm cá").',
    }),
  }),
});

type ProductFilterInput = typeof ProductFilter.$inferInput;

export interface ResolvedFilter {
  /** False when nothing filters (every row matches). */
  active: boolean;
  list: ProductListFilter;
  certificateStatus: string | null;
  asOf: string;
}

/** Reads the GraphQL filter into the repository's filter (validating ids). */
export async function toListFilter(
  ctx: GraphQLContext,
  input: ProductFilterInput | null | undefined,
): Promise<ResolvedFilter> {
  const f = input ?? {};
  let decisionId: number | null = null;
  if (f.decisionId != null) {
    decisionId = Number(f.decisionId);
    if (!Number.isInteger(decisionId)) {
      throw apiError(API_ERROR_CODES.BAD_USER_INPUT, {
        en: `decisionId must be a decision's numeric id, got "${f.decisionId}".`,
        vi: `decisionId phải là mã số của một quyết định, nhận được "${f.decisionId}".`,
      });
    }
  }
  const list: ProductListFilter = {
    unitCode: f.unitCode ?? null,
    commune: f.commune ?? null,
    group: f.group ?? null,
    entityType: f.entityType ?? null,
    search: f.search?.trim() ? f.search : null,
    stars: f.stars?.length ? f.stars : null,
    level: f.level ?? null,
    year: f.year ?? null,
    decisionId,
  };
  const certificateStatus = f.certificateStatus ?? null;
  const active = certificateStatus != null || Object.values(list).some((v) => v != null);
  return { active, list, certificateStatus, asOf: f.asOf ?? ctx.today };
}

/** Product ids whose certificate in force on `asOf` has `status` (status computed by the domain). */
async function productIdsWithStatus(
  ctx: GraphQLContext,
  status: string,
  asOf: string,
): Promise<number[]> {
  const certs = await ctx.em.find(
    CertificateEntity,
    { issuedOn: { $lte: asOf } },
    { orderBy: { issuedOn: 'asc', id: 'asc' } },
  );
  const byProduct = new Map<number, CertificateEntity[]>();
  for (const c of certs) byProduct.set(c.product.id, [...(byProduct.get(c.product.id) ?? []), c]);
  const ids: number[] = [];
  for (const [productId, list] of byProduct) {
    const cert = certificateOn(list, asOf);
    if (cert && statusOn(cert, asOf) === status) ids.push(productId);
  }
  return ids;
}

/** The where-clause for products matching a resolved filter. */
export async function productWhereFor(
  ctx: GraphQLContext,
  filter: ResolvedFilter,
): Promise<FilterQuery<Product>> {
  const and: FilterQuery<Product>[] = [
    await productWhere(ctx.em, { ...filter.list, search: null }),
  ];
  const pattern = filter.list.search ? searchPattern(filter.list.search) : null;
  if (pattern) {
    // Also the unit's name, so "cho moi" finds every product of Chợ Mới, not only those whose
    // commune or entity name says so.
    and.push({
      $or: [
        { normalizedName: { $like: pattern } },
        { normalizedCommune: { $like: pattern } },
        { entity: { normalizedName: { $like: pattern } } },
        { unit: { normalizedName: { $like: pattern } } },
      ],
    } as FilterQuery<Product>);
  }
  if (filter.certificateStatus) {
    and.push({
      id: { $in: await productIdsWithStatus(ctx, filter.certificateStatus, filter.asOf) },
    } as FilterQuery<Product>);
  }
  return and.length === 1 ? and[0]! : ({ $and: and } as FilterQuery<Product>);
}
