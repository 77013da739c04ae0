// Product: the public face of the data; its stars, certificate and history come from decisions.
import {
  findProductGroup,
  starHistory,
  type StarChange,
  type StarHistoryEntry as DomainStarHistoryEntry,
} from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import { dbEnum } from '../../graphql/enums.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { connectionComplexity, offsetConnection } from '../../graphql/pagination.js';
import { AdminUnit } from '../admin-units/admin-unit.graphql.js';
import { Certificate } from '../certificates/certificate.graphql.js';
import { certificateOn } from '../certificates/certificate.service.js';
import { Decision } from '../decisions/decision.graphql.js';
import type { DecisionItem } from '../decisions/decision-item.entity.js';
import { Entity } from '../entities/entity.graphql.js';
import { Evaluation } from '../evaluations/evaluation.graphql.js';
import { factDate } from '../shared/fact-date.graphql.js';
import { Source } from '../sources/source.graphql.js';
import {
  ProductFilter,
  ProductSort,
  toProductQuery,
  toProductSort,
} from './product-filter.graphql.js';
import { ProductGroup } from './product-group.graphql.js';
import type { Product as ProductEntity } from './product.entity.js';
import { listProducts } from './product.service.js';

/** The product's decision items (oldest first) through the request's loader. */
const itemsOf = (p: ProductEntity, ctx: GraphQLContext): Promise<DecisionItem[]> =>
  ctx.loaders.decisionItemsByProduct.load(p.id);

function historyOf(items: DecisionItem[]): DomainStarHistoryEntry[] {
  return starHistory(
    items.map((i) => ({
      id: String(i.decision.id),
      date: factDate(i.decision.getEntity().date, i.decision.getEntity().datePrecision),
      stars: i.stars ?? null,
      action: i.action,
    })),
  );
}

/** Every change the domain's starHistory gives (a new one fails to compile here until described). */
const STAR_CHANGE_TEXT = {
  new: 'First recognition.',
  upgrade: 'More stars than before.',
  downgrade: 'Fewer stars than before.',
  same: 'The same stars again (re-recognition).',
  revoked: 'Recognition revoked.',
  unknown: 'The class before or after is not known.',
  renewed_after_expiry:
    'Recognised again after the previous certificate had expired (not a continuation of it).',
} satisfies Record<StarChange, string>;

const StarChangeEnum = dbEnum('StarChange', Object.keys(STAR_CHANGE_TEXT) as StarChange[], {
  description: 'What a decision changed in a product’s stars (domain starHistory).',
  valueDescriptions: STAR_CHANGE_TEXT,
});

export const StarHistoryEntry = builder.objectRef<DomainStarHistoryEntry>('StarHistoryEntry');
StarHistoryEntry.implement({
  description:
    'One decision in a product’s star history, labelled against the stars in force before it (domain starHistory).',
  fields: (t) => ({
    decision: t.field({
      type: Decision,
      description: 'The decision.',
      resolve: (h, _a, ctx) => ctx.loaders.decision.get(Number(h.decisionId)),
    }),
    stars: t.int({
      nullable: true,
      description: 'Stars of this decision; null = unknown class.',
      resolve: (h) => h.stars,
    }),
    previousStars: t.int({
      nullable: true,
      description: 'Stars in force just before it.',
      resolve: (h) => h.previousStars,
    }),
    change: t.field({
      type: StarChangeEnum,
      description: 'What the decision changed, against the stars in force before it.',
      resolve: (h) => h.change,
    }),
  }),
});

export const Product = builder.objectRef<ProductEntity>('Product');
Product.implement({
  description: 'A product registered in the OCOP programme.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id.' }),
    name: t.exposeString('name', { description: 'Product name as published.' }),
    entity: t.field({
      type: Entity,
      nullable: true,
      description: 'Who makes it, when the source says.',
      // Lists load the entity with the page (listProducts); single products through the loader.
      resolve: (p, _a, ctx) =>
        !p.entity
          ? null
          : p.entity.isInitialized()
            ? p.entity.getEntity()
            : ctx.loaders.entity.get(p.entity.id),
    }),
    unit: t.field({
      type: AdminUnit,
      nullable: true,
      description: 'District-level unit, when known.',
      resolve: (p, _a, ctx) => (p.unit ? ctx.loaders.adminUnit.get(p.unit.id) : null),
    }),
    commune: t.string({
      nullable: true,
      description: 'Commune as published.',
      resolve: (p) => p.commune ?? null,
    }),
    version: t.exposeInt('version', {
      description: 'Optimistic-concurrency version; pass it to updateProduct.',
    }),
    group1048: t.field({
      type: ProductGroup,
      nullable: true,
      description: 'Group under 1048/QĐ-TTg.',
      resolve: (p) => findProductGroup('1048', p.group1048),
    }),
    group148: t.field({
      type: ProductGroup,
      nullable: true,
      description: 'Group under 148/QĐ-TTg (mapped from 1048).',
      resolve: (p) => findProductGroup('148', p.group148),
    }),
    currentStars: t.int({
      nullable: true,
      description:
        'Stars of the latest decision; null when revoked, never recognised, or the class is unknown. Validity: see certificate(asOf).',
      resolve: async (p, _a, ctx) => {
        const last = historyOf(await itemsOf(p, ctx)).at(-1);
        return last && last.action === 'recognise' ? last.stars : null;
      },
    }),
    latestDecision: t.field({
      type: Decision,
      nullable: true,
      description: 'Most recent decision about the product.',
      resolve: async (p, _a, ctx) => (await itemsOf(p, ctx)).at(-1)?.decision.getEntity() ?? null,
    }),
    certificate: t.field({
      type: Certificate,
      nullable: true,
      description:
        'Certificate in force on `asOf` (the latest issued on or before it) with its status then; null if none yet.',
      args: { asOf: t.arg({ type: 'Date', description: 'Day to look at (default today).' }) },
      resolve: async (p, args, ctx) => {
        const asOf = args.asOf ?? ctx.today;
        const cert = certificateOn(await ctx.loaders.certificatesByProduct.load(p.id), asOf);
        return cert ? { cert, asOf } : null;
      },
    }),
    evaluations: t.field({
      type: [Evaluation],
      description: 'Council evaluations, oldest first.',
      resolve: (p, _a, ctx) => ctx.loaders.evaluationsByProduct.load(p.id),
    }),
    starHistory: t.field({
      type: [StarHistoryEntry],
      description: 'Decisions about the product, oldest first, with the star change each made.',
      resolve: async (p, _a, ctx) => historyOf(await itemsOf(p, ctx)),
    }),
    sources: t.field({
      type: [Source],
      description: 'Pages the product’s data comes from.',
      resolve: (p, _a, ctx) => ctx.loaders.productSources.load(p.id),
    }),
  }),
});

builder.queryFields((t) => ({
  products: t.connection(
    {
      type: Product,
      description: 'Products, by name unless `sort` says otherwise. Page size 1–100 (default 20).',
      complexity: connectionComplexity('product'),
      args: {
        filter: t.arg({ type: ProductFilter, description: 'Filters, combined with AND.' }),
        sort: t.arg({ type: ProductSort, description: 'Sort order (default NAME ASC).' }),
      },
      resolve: (_root, args, ctx) =>
        offsetConnection(args, (page) =>
          listProducts(ctx.em, toProductQuery(ctx, args.filter), toProductSort(args.sort), page),
        ),
    },
    { name: 'ProductConnection', description: 'A page of products.' },
    { name: 'ProductEdge' },
  ),
  product: t.field({
    type: Product,
    nullable: true,
    description: 'One product by id; null if there is none.',
    args: { id: t.arg.id({ required: true, description: 'Product id.' }) },
    resolve: (_root, args, ctx) => {
      const id = Number(args.id);
      return Number.isInteger(id) ? ctx.loaders.product.load(id) : null;
    },
  }),
}));
