// What the audit log and VERSION_CONFLICT show of a product (its unit must be loaded).
import type { AdminUnit } from '../admin-units/admin-unit.entity.js';
import type { Product } from './product.entity.js';

export function productSnapshot(p: Product): Record<string, unknown> {
  const unit = p.unit ? (p.unit.unwrap() as AdminUnit) : null;
  return {
    id: p.id,
    name: p.name,
    entityId: p.entity?.id ?? null,
    unitCode: unit?.code ?? null,
    commune: p.commune ?? null,
    group1048: p.group1048 ?? null,
    group148: p.group148 ?? null,
    version: p.version,
  };
}
