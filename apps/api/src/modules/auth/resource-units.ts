// Resource lookups for scope functions: the unit (or department) a record belongs to, so a
// field's authScopes can pass it to districtOfficer / departmentOfficer (own unit / own department).
import type { GraphQLContext } from '../../graphql/context.js';
import { notFound, validationFailed } from '../../graphql/errors.js';
import { toId } from '../shared/input-checks.js';

async function unitCode(ctx: GraphQLContext, unitId: number | undefined): Promise<string | null> {
  return unitId ? ((await ctx.loaders.adminUnit.load(unitId))?.code ?? null) : null;
}

/** The unit code of an entity; NOT_FOUND (as the edited record) or VALIDATION_FAILED (as a referenced one). */
export async function entityUnitCode(
  ctx: GraphQLContext,
  id: string | number,
  field: string,
  edited = false,
): Promise<string | null> {
  const entity = await ctx.loaders.entity.load(toId(field, id));
  if (!entity) {
    if (edited) throw notFound('Entity', id, field);
    throw validationFailed(field, {
      en: `Entity ${id} does not exist.`,
      vi: `Không có chủ thể ${id}.`,
    });
  }
  return unitCode(ctx, entity.unit?.id);
}

export async function productUnitCode(
  ctx: GraphQLContext,
  id: string | number,
  field: string,
  edited = false,
): Promise<string | null> {
  const product = await ctx.loaders.product.load(toId(field, id));
  if (!product) {
    if (edited) throw notFound('Product', id, field);
    throw validationFailed(field, {
      en: `Product ${id} does not exist.`,
      vi: `Không có sản phẩm ${id}.`,
    });
  }
  return unitCode(ctx, product.unit?.id);
}

/** Unit codes for a districtOfficer check; a record without a unit ('') fails it. */
export const ownUnits = (...codes: (string | null | undefined)[]): string[] =>
  codes.map((c) => c ?? '');

/**
 * Scope function wrapper: anonymous requests fail on `signedIn` (UNAUTHENTICATED) before any
 * record is looked up, so they learn nothing about ids.
 */
export function whenSignedIn<S>(
  ctx: GraphQLContext,
  scopes: () => Promise<S>,
): Promise<S | { signedIn: true }> {
  return ctx.viewer.user ? scopes() : Promise.resolve({ signedIn: true as const });
}
