// registerEntity / updateEntity: ADMIN, SECRETARIAT, or the DISTRICT_OFFICER of the entity's unit
// (an officer can neither register into nor move an entity to another unit).
import type { EntityManager } from '@mikro-orm/core';
import { builder } from '../../graphql/builder.js';
import { duplicate, notFound, validationFailed } from '../../graphql/errors.js';
import { expectVersion, IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '../audit/run-write.js';
import { entityUnitCode, ownUnits, whenSignedIn } from '../auth/resource-units.js';
import { findDistrictUnit, optionalText, requireText, toId } from '../shared/input-checks.js';
import { normalizeText } from '../shared/normalize-text.js';
import { EconomicEntity } from './economic-entity.entity.js';
import { entityCurrentView, entitySnapshot } from './entity-snapshot.js';
import { Entity, EntityTypeEnum } from './entity.graphql.js';

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
type EntityInputShape = typeof EntityInput.$inferInput;

const PHONE_RE = /^\+?[0-9 .()-]{8,20}$/;

async function entityValues(tx: EntityManager, input: EntityInputShape, excludeId: number | null) {
  const name = requireText('name', input.name, 300);
  const unit = await findDistrictUnit(tx, 'unitCode', input.unitCode);
  const commune = optionalText('commune', input.commune, 200);
  const ownerName = optionalText('ownerName', input.ownerName, 200);
  const ownerPhone = (input.ownerPhone ?? '').trim() || null;
  if (ownerPhone && !PHONE_RE.test(ownerPhone)) {
    throw validationFailed('ownerPhone', {
      en: `"${ownerPhone}" is not a phone number.`,
      vi: `"${ownerPhone}" không phải là số điện thoại.`,
    });
  }
  const normalizedName = normalizeText(name);
  const values = {
    name,
    normalizedName,
    type: input.type,
    commune,
    normalizedCommune: commune ? normalizeText(commune) : null,
    unit,
    ownerName,
    ownerPhone,
  };
  // One entity per normalised name and unit (a unique index).
  const clash = await tx.findOne(EconomicEntity, {
    normalizedName,
    unit: unit.id,
    ...(excludeId ? { id: { $ne: excludeId } } : {}),
  });
  if (!clash) return { values, existing: null };
  const same =
    excludeId === null &&
    (['name', 'type', 'commune', 'ownerName', 'ownerPhone'] as const).every(
      (k) => (clash[k] ?? null) === values[k],
    );
  if (!same) {
    throw duplicate(
      'Entity',
      'name',
      {
        en: `Entity "${clash.name}" already exists in ${unit.name} (id ${clash.id}).`,
        vi: `Chủ thể "${clash.name}" đã có ở ${unit.name} (mã ${clash.id}).`,
      },
      clash.id,
    );
  }
  return { values, existing: clash };
}

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
            load: (em, id) => em.findOne(EconomicEntity, Number(id)),
          },
        },
        async (tx) => {
          const { values, existing } = await entityValues(tx, input, null);
          // The same entity again (a repeated or parallel identical call) is the recorded one.
          if (existing)
            return { result: existing, written: false, audit: () => ({ recordId: existing.id }) };
          const entity = tx.create(EconomicEntity, {
            ...values,
            registeredOn: ctx.today,
            registeredPrecision: 'day',
          });
          return {
            result: entity,
            audit: () => ({ recordId: entity.id, after: entitySnapshot(entity) }),
          };
        },
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
      const load = (em: EntityManager) =>
        em.findOne(EconomicEntity, id, { populate: ['unit'], refresh: true });
      return runWrite(
        ctx,
        {
          action: 'updateEntity',
          recordType: 'Entity',
          current: async (em) => await load(em).then((e) => e && entityCurrentView(e)),
        },
        async (tx) => {
          const entity = await load(tx);
          if (!entity) throw notFound('Entity', id);
          expectVersion('Entity', entity, args.version, () => entityCurrentView(entity));
          const before = entitySnapshot(entity);
          tx.assign(entity, (await entityValues(tx, args.input, id)).values);
          return {
            result: entity,
            audit: () => ({ recordId: id, before, after: entitySnapshot(entity) }),
          };
        },
      );
    },
  }),
}));
