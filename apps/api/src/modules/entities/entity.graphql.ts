// Entity (chủ thể OCOP): who makes the products. Owner name and phone are personal data.
import { builder } from '../../graphql/builder.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { dbEnum } from '../../graphql/enums.js';
import {
  connectionComplexity,
  CONNECTION_ARG_DESCRIPTIONS,
  pageFromArgs,
  toConnection,
} from '../../graphql/pagination.js';
import { AdminUnit } from '../admin-units/admin-unit.graphql.js';
import { Product } from '../products/product.graphql.js';
import {
  ProductFilter,
  productWhereFor,
  toListFilter,
} from '../products/product-filter.graphql.js';
import { Product as ProductEntity } from '../products/product.entity.js';
import { EconomicEntity, ENTITY_TYPES } from './economic-entity.entity.js';

export const EntityTypeEnum = dbEnum('EntityType', ENTITY_TYPES, {
  description: 'Legal form of an OCOP subject.',
  valueDescriptions: {
    enterprise: 'Doanh nghiệp (Công ty TNHH, Cổ phần…).',
    cooperative: 'Hợp tác xã.',
    cooperative_group: 'Tổ hợp tác.',
    household_business: 'Hộ kinh doanh / cơ sở sản xuất (An Giang reports them together).',
  },
});

/** Personal data rule: the scope gets the entity's unit code (own-unit check in auth/scopes.ts). */
async function personalDataScope(e: EconomicEntity, _args: object, ctx: GraphQLContext) {
  const unit = e.unit ? await ctx.loaders.adminUnit.load(e.unit.id) : null;
  return { personalDataOf: unit?.code ?? null };
}

export const Entity = builder.objectRef<EconomicEntity>('Entity');
Entity.implement({
  description:
    'An OCOP subject (chủ thể): an enterprise, cooperative, cooperative group or household business.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id.' }),
    name: t.exposeString('name', { description: 'Business name as published (public).' }),
    type: t.field({
      type: EntityTypeEnum,
      nullable: true,
      description: 'Legal form, when the source gives it.',
      resolve: (e) => e.type ?? null,
    }),
    commune: t.string({
      nullable: true,
      description: 'Commune (xã/phường/thị trấn) as published.',
      resolve: (e) => e.commune ?? null,
    }),
    unit: t.field({
      type: AdminUnit,
      nullable: true,
      description: 'District-level unit, when known.',
      resolve: (e, _a, ctx) => (e.unit ? ctx.loaders.adminUnit.load(e.unit.id) : null),
    }),
    version: t.exposeInt('version', {
      description: 'Optimistic-concurrency version; pass it to updateEntity.',
    }),
    products: t.field({
      type: [Product],
      description: 'Products of this entity, by name.',
      resolve: (e, _a, ctx) => ctx.loaders.productsByEntity.load(e.id),
    }),
    ownerName: t.string({
      nullable: true,
      description:
        'Owner’s personal name. Personal data: null unless ADMIN, SECRETARIAT, or the DISTRICT_OFFICER / unit-bound VIEWER of the entity’s unit (never anonymous).',
      authScopes: personalDataScope,
      unauthorizedResolver: () => null,
      resolve: (e) => e.ownerName ?? null,
    }),
    ownerPhone: t.string({
      nullable: true,
      description:
        'Owner’s phone. Personal data: null unless ADMIN, SECRETARIAT, or the DISTRICT_OFFICER / unit-bound VIEWER of the entity’s unit (never anonymous).',
      authScopes: personalDataScope,
      unauthorizedResolver: () => null,
      resolve: (e) => e.ownerPhone ?? null,
    }),
  }),
});

const EntityConnection = builder.connectionObject({
  type: Entity,
  name: 'EntityConnection',
  description: 'A page of entities.',
  fields: (t) => ({
    totalCount: t.int({
      description: 'Entities matching the filter, all pages.',
      resolve: (c) => (c as unknown as { totalCount: number }).totalCount,
    }),
  }),
});

builder.queryFields((t) => ({
  entities: t.field({
    type: EntityConnection,
    description:
      'Entities that make at least one product matching the filter (all entities without a filter), by name.',
    complexity: connectionComplexity,
    args: {
      first: t.arg.int({ required: true, description: CONNECTION_ARG_DESCRIPTIONS.first }),
      after: t.arg.string({ description: CONNECTION_ARG_DESCRIPTIONS.after }),
      filter: t.arg({
        type: ProductFilter,
        description: 'Filter on the entities’ products (unit, group, stars, search…).',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const page = pageFromArgs(args);
      const filter = await toListFilter(ctx, args.filter);
      const where: Record<string, unknown> = {};
      if (filter.active) {
        const products = await ctx.em.find(ProductEntity, await productWhereFor(ctx, filter), {
          fields: ['entity'],
        });
        where.id = {
          $in: [
            ...new Set(products.map((p) => p.entity?.id).filter((id): id is number => id != null)),
          ],
        };
      }
      const [items, total] = await ctx.em.findAndCount(EconomicEntity, where, {
        orderBy: { name: 'asc', id: 'asc' },
        limit: page.limit,
        offset: page.offset,
      });
      return toConnection(items, total, page) as never;
    },
  }),
}));
