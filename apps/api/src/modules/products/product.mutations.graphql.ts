// registerProduct / updateProduct: ADMIN, SECRETARIAT, or the DISTRICT_OFFICER of the product's
// unit (and of its entity's unit). The checks and writes live in product.service.ts.
import { builder } from '../../graphql/builder.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '../audit/run-write.js';
import { entityUnitCode, ownUnits, productUnitCode, whenSignedIn } from '../auth/resource-units.js';
import { toId } from '../shared/input-checks.js';
import { Product } from './product.graphql.js';
import {
  productSnapshotOf,
  registerProduct,
  updateProduct,
  productById,
} from './product.service.js';

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
            load: productById,
          },
        },
        (tx) => registerProduct(tx, input, ctx.today),
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
      return runWrite(
        ctx,
        {
          action: 'updateProduct',
          recordType: 'Product',
          current: (em) => productSnapshotOf(em, id),
        },
        (tx) => updateProduct(tx, id, args.version, args.input),
      );
    },
  }),
}));
