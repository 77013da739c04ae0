// Labels of stats groups: Vietnamese like the unit and group names the data holds (clients
// translate null keys themselves).
import type { EvaluationLevel, Taxonomy } from '@ocop/domain';
import { findProductGroup, formatFactDate } from '@ocop/domain';
import type { GraphQLContext } from '../../graphql/context.js';
import type { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { LEVEL_NAMES_VI } from '../shared/level-names.js';
import type { Definition, FilterNames } from './stats-definition.js';
import type { StatsFilter, StatsGroupBy } from './stats.service.js';

const ENTITY_TYPE_LABEL: Record<string, string> = {
  enterprise: 'Doanh nghiệp',
  cooperative: 'Hợp tác xã',
  cooperative_group: 'Tổ hợp tác',
  household_business: 'Hộ kinh doanh / cơ sở sản xuất',
};

export async function labelOf(
  ctx: GraphQLContext,
  groupBy: StatsGroupBy,
  key: string | null,
  taxonomy: Taxonomy,
  asOf: string,
): Promise<string> {
  if (key === null) return 'Không rõ';
  switch (groupBy) {
    case 'unit': {
      const unit = await ctx.loaders.adminUnitByCode.load(key);
      return unit ? unitLabel(unit, asOf) : key;
    }
    case 'group':
      return findProductGroup(taxonomy, key)?.nameVi ?? key;
    case 'stars':
      return `${key}★`;
    case 'level':
      if (!(key in LEVEL_NAMES_VI)) return key;
      return LEVEL_NAMES_VI[key as EvaluationLevel].replace(/^c/, 'C');
    case 'entityType':
      return ENTITY_TYPE_LABEL[key] ?? key;
    default:
      return key;
  }
}

/** Names the definition gives the filter's codes (the unit's name beside its code). */
export async function filterNames(ctx: GraphQLContext, filter: StatsFilter): Promise<FilterNames> {
  return {
    unitName: filter.unitCode
      ? ((await ctx.loaders.adminUnitByCode.load(filter.unitCode))?.name ?? null)
      : null,
  };
}

/** A definition as the two fields every figure type carries. */
export function definitionOf(d: Definition): { definition: string; definitionVi: string } {
  return { definition: d.en, definitionVi: d.vi };
}

const day = (iso: unknown) => formatFactDate({ date: String(iso).slice(0, 10), precision: 'day' });

/**
 * A unit's name, told apart from the other records of the same place when it has a lineage:
 * "Tịnh Biên (huyện, đến 12/02/2023)" once `asOf` is past its end, and "Tịnh Biên (thị xã, từ
 * 13/02/2023)" (NQ 721/NQ-UBTVQH15), so a table by unit never shows two rows with one name.
 */
export function unitLabel(unit: AdminUnit, asOf: string): string {
  if (unit.successor && unit.validTo && String(unit.validTo).slice(0, 10) < asOf)
    return `${unit.name} (${unit.typeVi}, đến ${day(unit.validTo)})`;
  if (unit.validFrom) return `${unit.name} (${unit.typeVi}, từ ${day(unit.validFrom)})`;
  return unit.name;
}
