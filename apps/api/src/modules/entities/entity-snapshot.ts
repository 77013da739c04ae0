// What the audit log and VERSION_CONFLICT show of an entity (its unit must be loaded).
import type { AdminUnit } from '../admin-units/admin-unit.entity.js';
import type { EconomicEntity } from './economic-entity.entity.js';

export function entitySnapshot(e: EconomicEntity): Record<string, unknown> {
  const unit = e.unit ? (e.unit.unwrap() as AdminUnit) : null;
  return {
    id: e.id,
    name: e.name,
    type: e.type ?? null,
    commune: e.commune ?? null,
    unitCode: unit?.code ?? null,
    ownerName: e.ownerName ?? null,
    ownerPhone: e.ownerPhone ?? null,
    version: e.version,
  };
}

/** extensions.current of a VERSION_CONFLICT: the snapshot with `type` as the Entity type shows it (ENTERPRISE). */
export function entityCurrentView(e: EconomicEntity): Record<string, unknown> {
  return { ...entitySnapshot(e), type: e.type?.toUpperCase() ?? null };
}
