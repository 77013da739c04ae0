// Entity (chủ thể OCOP): who makes the products. Owner name and phone are personal data.
import { builder } from '../../graphql/builder.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { SortDirectionEnum } from '../../graphql/enums.js';
import { connectionComplexity, offsetConnection } from '../../graphql/pagination.js';
import { AdminUnit } from '../admin-units/admin-unit.graphql.js';
import { Product } from '../products/product.graphql.js';
import { ProductFilter, toProductQuery } from '../products/product-filter.graphql.js';
import type { EconomicEntity } from './economic-entity.entity.js';
import { EntityTypeEnum } from './entity-type.graphql.js';
import { listEntities } from './entity.service.js';

export { EntityTypeEnum };

/** Personal data rule: the scope gets the entity's unit code (own-unit check in auth/scopes.ts). */
async function personalDataScope(e: EconomicEntity, _args: object, ctx: GraphQLContext) {
  const unit = e.unit ? await ctx.loaders.adminUnit.get(e.unit.id) : null;
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
      resolve: (e, _a, ctx) => (e.unit ? ctx.loaders.adminUnit.get(e.unit.id) : null),
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

const EntitySortFieldEnum = builder.enumType('EntitySortField', {
  description: 'What an entity list is sorted by.',
  values: {
    NAME: {
      value: 'name',
      description:
        'Name, in Vietnamese alphabetical order (a ă â … d đ … o ô ơ … u ư; tones only between equal letters).',
    },
  } as const,
});

const EntitySort = builder.inputType('EntitySort', {
  description: 'Sort order of an entity list; ties break by id.',
  fields: (t) => ({
    by: t.field({ type: EntitySortFieldEnum, required: true, description: 'Sort key.' }),
    direction: t.field({
      type: SortDirectionEnum,
      defaultValue: 'asc',
      description: 'ASC (default) or DESC.',
    }),
  }),
});

builder.queryFields((t) => ({
  entities: t.connection(
    {
      type: Entity,
      description:
        'Entities that make at least one product matching the filter (all entities without a filter), by name unless `sort` says otherwise.',
      complexity: connectionComplexity('economic_entity'),
      args: {
        filter: t.arg({
          type: ProductFilter,
          description: 'Filter on the entities’ products (unit, group, stars, search…).',
        }),
        sort: t.arg({ type: EntitySort, description: 'Sort order (default NAME ASC).' }),
      },
      resolve: (_root, args, ctx) =>
        offsetConnection(args, (page) =>
          listEntities(
            ctx.em,
            toProductQuery(ctx, args.filter),
            { by: args.sort?.by ?? 'name', direction: args.sort?.direction ?? 'asc' },
            page,
          ),
        ),
    },
    { name: 'EntityConnection', description: 'A page of entities.' },
    { name: 'EntityEdge' },
  ),
}));
