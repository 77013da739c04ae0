// registerProduct / updateProduct: ADMIN, SECRETARIAT, or the DISTRICT_OFFICER of the product's
// unit (and of its entity's unit). Groups are checked against the domain taxonomies; group148
// defaults to the domain's mapping of group1048.
import type { EntityManager } from '@mikro-orm/core';
import { getProductGroup, mapGroup1048To148 } from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import { duplicate, notFound, validationFailed } from '../../graphql/errors.js';
import { expectVersion, IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '../audit/run-write.js';
import { entityUnitCode, ownUnits, productUnitCode, whenSignedIn } from '../auth/resource-units.js';
import { EconomicEntity } from '../entities/economic-entity.entity.js';
import { findDistrictUnit, optionalText, requireText, toId } from '../shared/input-checks.js';
import { normalizeText } from '../shared/normalize-text.js';
import { Product as ProductEntity } from './product.entity.js';
import { Product } from './product.graphql.js';
import { productSnapshot } from './product-snapshot.js';

const ProductInput = builder.inputType('ProductInput', {
  description: 'A product of a registered entity.',
  fields: (t) => ({
    name: t.string({
      required: true,
      description: 'Product name (1–300 characters; may not start with = + - @).',
    }),
    entityId: t.id({ required: true, description: 'Entity that makes it.' }),
    unitCode: t.string({ required: true, description: 'District-level unit code.' }),
    commune: t.string({ description: 'Commune.' }),
    group1048: t.string({
      description:
        'Group code under 1048/QĐ-TTg (food, beverage, herbal, textile, handicraft, tourism).',
    }),
    group148: t.string({
      description: 'Group code under 148/QĐ-TTg; default: mapped from group1048.',
    }),
  }),
});
type ProductInputShape = typeof ProductInput.$inferInput;

function group(
  field: string,
  taxonomy: '1048' | '148',
  code: string | null | undefined,
): string | null {
  if (!code) return null;
  try {
    return getProductGroup(taxonomy, code).code;
  } catch {
    throw validationFailed(field, {
      en: `"${code}" is not a ${taxonomy} product group code.`,
      vi: `"${code}" không phải là mã nhóm sản phẩm theo ${taxonomy}.`,
    });
  }
}

async function productValues(
  tx: EntityManager,
  input: ProductInputShape,
  excludeId: number | null,
) {
  const name = requireText('name', input.name, 300);
  const unit = await findDistrictUnit(tx, 'unitCode', input.unitCode);
  const entity = await tx.findOne(EconomicEntity, toId('entityId', input.entityId));
  if (!entity)
    throw validationFailed('entityId', {
      en: `Entity ${input.entityId} does not exist.`,
      vi: `Không có chủ thể ${input.entityId}.`,
    });
  const commune = optionalText('commune', input.commune, 200);
  const group1048 = group('group1048', '1048', input.group1048);
  const group148 =
    group('group148', '148', input.group148) ??
    (group1048 ? mapGroup1048To148(group1048).code : null);
  const normalizedName = normalizeText(name);
  const values = {
    name,
    normalizedName,
    entity,
    unit,
    commune,
    normalizedCommune: commune ? normalizeText(commune) : null,
    group1048,
    group148,
  };
  // One product per normalised name and entity (a unique index).
  const clash = await tx.findOne(ProductEntity, {
    normalizedName,
    entity: entity.id,
    ...(excludeId ? { id: { $ne: excludeId } } : {}),
  });
  if (!clash) return { values, existing: null };
  const same =
    excludeId === null &&
    clash.unit?.id === unit.id &&
    (['name', 'commune', 'group1048', 'group148'] as const).every(
      (k) => (clash[k] ?? null) === values[k],
    );
  if (!same) {
    throw duplicate(
      'Product',
      'name',
      {
        en: `Product "${clash.name}" of this entity already exists (id ${clash.id}).`,
        vi: `Sản phẩm "${clash.name}" của chủ thể này đã có (mã ${clash.id}).`,
      },
      clash.id,
    );
  }
  return { values, existing: clash };
}

builder.mutationFields((t) => ({
  registerProduct: t.field({
    type: Product,
    description:
      'Registers a product. ADMIN, SECRETARIAT, or DISTRICT_OFFICER of the product’s and the entity’s unit.',
    args: {
      input: t.arg({ type: ProductInput, required: true }),
      idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    authScopes: (_root, { input }, ctx) =>
      whenSignedIn(ctx, async () => ({
        $any: {
          admin: true,
          secretariat: true,
          districtOfficer: ownUnits(
            input.unitCode,
            await entityUnitCode(ctx, input.entityId, 'entityId'),
          ),
        },
      })),
    resolve: (_root, { input, idempotencyKey }, ctx) =>
      runWrite(
        ctx,
        {
          action: 'registerProduct',
          recordType: 'Product',
          uniqueField: 'name',
          retryRaces: true,
          idempotency: {
            key: idempotencyKey,
            input,
            load: (em, id) => em.findOne(ProductEntity, Number(id)),
          },
        },
        async (tx) => {
          const { values, existing } = await productValues(tx, input, null);
          // The same product again (a repeated or parallel identical call) is the recorded one.
          if (existing)
            return { result: existing, written: false, audit: () => ({ recordId: existing.id }) };
          const product = tx.create(ProductEntity, {
            ...values,
            registeredOn: ctx.today,
            registeredPrecision: 'day',
          });
          return {
            result: product,
            audit: () => ({ recordId: product.id, after: productSnapshot(product) }),
          };
        },
      ),
  }),
  updateProduct: t.field({
    type: Product,
    description:
      'Edits a product read at `version` (else VERSION_CONFLICT). Same roles as registerProduct, for the current and the new unit.',
    args: {
      id: t.arg.id({ required: true }),
      version: t.arg.int({ required: true }),
      input: t.arg({ type: ProductInput, required: true }),
    },
    authScopes: (_root, args, ctx) =>
      whenSignedIn(ctx, async () => ({
        $any: {
          admin: true,
          secretariat: true,
          districtOfficer: ownUnits(
            await productUnitCode(ctx, args.id, 'id', true),
            args.input.unitCode,
            await entityUnitCode(ctx, args.input.entityId, 'entityId'),
          ),
        },
      })),
    resolve: (_root, args, ctx) => {
      const id = toId('id', args.id);
      const load = (em: EntityManager) =>
        em.findOne(ProductEntity, id, { populate: ['unit'], refresh: true });
      return runWrite(
        ctx,
        {
          action: 'updateProduct',
          recordType: 'Product',
          current: async (em) => await load(em).then((p) => p && productSnapshot(p)),
        },
        async (tx) => {
          const product = await load(tx);
          if (!product) throw notFound('Product', id);
          expectVersion('Product', product, args.version, () => productSnapshot(product));
          const before = productSnapshot(product);
          tx.assign(product, (await productValues(tx, args.input, id)).values);
          return {
            result: product,
            audit: () => ({ recordId: id, before, after: productSnapshot(product) }),
          };
        },
      );
    },
  }),
}));
