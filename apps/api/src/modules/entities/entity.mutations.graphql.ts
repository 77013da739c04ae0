// registerEntity / updateEntity: ADMIN, SECRETARIAT, or the DISTRICT_OFFICER of the entity's unit
// (an officer can neither register into nor move an entity to another unit). The checks and
// writes live in entity.service.ts.
import { builder } from '../../graphql/builder.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '../audit/run-write.js';
import { entityUnitCode, ownUnits, whenSignedIn } from '../auth/resource-units.js';
import { toId } from '../shared/input-checks.js';
import { Entity, EntityTypeEnum } from './entity.graphql.js';
import { entityById, entityCurrentViewOf, registerEntity, updateEntity } from './entity.service.js';

const EntityInput = builder.inputType('EntityInput', {
  description: 'An OCOP subject. ownerName/ownerPhone are personal data (household businesses).',
  fields: (t) => ({
    name: t.string({
      required: true,
      description: 'Business name (1–300 characters; may not start with = + - @).',
    }),
    type: t.field({ type: EntityTypeEnum, required: true, description: 'Legal form.' }),
    commune: t.string({ description: 'Commune (xã/phường/thị trấn).' }),
    unitCode: t.string({ required: true, description: 'District-level unit code.' }),
    ownerName: t.string({ description: 'Owner’s name (personal data).' }),
    ownerPhone: t.string({
      description: 'Owner’s phone: digits, spaces, + . ( ) -, 8–20 characters.',
    }),
  }),
});

builder.mutationFields((t) => ({
  registerEntity: t.field({
    type: Entity,
    description:
      'Registers an OCOP subject. ADMIN, SECRETARIAT, or DISTRICT_OFFICER of input.unitCode.',
    args: {
      input: t.arg({ type: EntityInput, required: true }),
      idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    authScopes: (_root, { input }) => ({
      $any: { admin: true, secretariat: true, districtOfficer: input.unitCode },
    }),
    resolve: (_root, { input, idempotencyKey }, ctx) =>
      runWrite(
        ctx,
        {
          action: 'registerEntity',
          recordType: 'Entity',
          uniqueField: 'name',
          retryRaces: true,
          idempotency: {
            key: idempotencyKey,
            input,
            load: entityById,
          },
        },
        (tx) => registerEntity(tx, input, ctx.today),
      ),
  }),
  updateEntity: t.field({
    type: Entity,
    description:
      'Edits an entity read at `version` (else VERSION_CONFLICT). ADMIN, SECRETARIAT, or DISTRICT_OFFICER of both its current and its new unit.',
    args: {
      id: t.arg.id({ required: true }),
      version: t.arg.int({ required: true }),
      input: t.arg({ type: EntityInput, required: true }),
    },
    authScopes: (_root, args, ctx) =>
      whenSignedIn(ctx, async () => ({
        $any: {
          admin: true,
          secretariat: true,
          districtOfficer: ownUnits(
            await entityUnitCode(ctx, args.id, 'id', true),
            args.input.unitCode,
          ),
        },
      })),
    resolve: (_root, args, ctx) => {
      const id = toId('id', args.id);
      return runWrite(
        ctx,
        {
          action: 'updateEntity',
          recordType: 'Entity',
          current: (em) => entityCurrentViewOf(em, id),
        },
        (tx) => updateEntity(tx, id, args.version, args.input),
      );
    },
  }),
}));
