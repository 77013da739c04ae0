import {
  getProductGroup,
  isUnitType,
  PRODUCT_GROUPS_148,
  unitTypeLabel,
  type Taxonomy,
} from '@ocop/domain';
import type { Locale } from '../i18n/index';

/** "huyện" / "district" etc. from the domain's unit types (the API sends them upper-case). */
export function unitTypeName(type: string, locale: Locale): string {
  const lower = type.toLowerCase();
  return isUnitType(lower) ? unitTypeLabel(lower, locale) : type;
}

/** A product group's name in the locale, from the domain's taxonomies; the code if unknown. */
export function productGroupName(code: string, locale: Locale, taxonomy: Taxonomy = '148'): string {
  try {
    const group = getProductGroup(taxonomy, code);
    return locale === 'en' ? group.nameEn : group.nameVi;
  } catch {
    return code;
  }
}

/** The product groups offered in filters: the 148/QĐ-TTg taxonomy (the one in force since 2023). */
export const FILTER_GROUPS = PRODUCT_GROUPS_148;
