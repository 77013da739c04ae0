/** The two product-group taxonomies (1048 "ngành", 148 "nhóm") and the mapping between them. */
import { DomainError } from '../errors.js';
import type { Taxonomy } from './rule-sets.js';

/** Group codes under 1048/QĐ-TTg (6 ngành). */
export type ProductGroupCode1048 =
  'food' | 'beverage' | 'herbal' | 'textile' | 'handicraft' | 'tourism';

/** Group codes under 148/QĐ-TTg and 1489 (6 nhóm). */
export type ProductGroupCode148 =
  'food' | 'beverage' | 'medicinal' | 'handicraft' | 'ornamental' | 'tourism';

/** One product group. `number` is its position in the decision's list. */
export interface ProductGroup {
  readonly taxonomy: Taxonomy;
  readonly code: string;
  readonly number: number;
  readonly nameVi: string;
  readonly nameEn: string;
}

/** 1048/QĐ-TTg Phụ lục I: 6 ngành (tourism renamed by 781, name kept as in 1048). */
export const PRODUCT_GROUPS_1048: readonly ProductGroup[] = Object.freeze([
  { taxonomy: '1048', code: 'food', number: 1, nameVi: 'Thực phẩm', nameEn: 'Food' },
  { taxonomy: '1048', code: 'beverage', number: 2, nameVi: 'Đồ uống', nameEn: 'Beverages' },
  { taxonomy: '1048', code: 'herbal', number: 3, nameVi: 'Thảo dược', nameEn: 'Herbal products' },
  {
    taxonomy: '1048',
    code: 'textile',
    number: 4,
    nameVi: 'Vải và may mặc',
    nameEn: 'Fabrics and garments',
  },
  {
    taxonomy: '1048',
    code: 'handicraft',
    number: 5,
    nameVi: 'Lưu niệm – nội thất – trang trí',
    nameEn: 'Souvenirs, furniture and decoration',
  },
  {
    taxonomy: '1048',
    code: 'tourism',
    number: 6,
    nameVi: 'Dịch vụ du lịch nông thôn, bán hàng',
    nameEn: 'Rural tourism services and sales',
  },
]);

/** 148/QĐ-TTg: 6 nhóm (textiles fold into handicraft; ornamental plants/animals are new). */
export const PRODUCT_GROUPS_148: readonly ProductGroup[] = Object.freeze([
  { taxonomy: '148', code: 'food', number: 1, nameVi: 'Thực phẩm', nameEn: 'Food' },
  { taxonomy: '148', code: 'beverage', number: 2, nameVi: 'Đồ uống', nameEn: 'Beverages' },
  {
    taxonomy: '148',
    code: 'medicinal',
    number: 3,
    nameVi: 'Dược liệu và sản phẩm từ dược liệu',
    nameEn: 'Medicinal herbs and herbal products',
  },
  {
    taxonomy: '148',
    code: 'handicraft',
    number: 4,
    nameVi: 'Hàng thủ công mỹ nghệ',
    nameEn: 'Handicrafts',
  },
  {
    taxonomy: '148',
    code: 'ornamental',
    number: 5,
    nameVi: 'Sinh vật cảnh',
    nameEn: 'Ornamental plants and animals',
  },
  {
    taxonomy: '148',
    code: 'tourism',
    number: 6,
    nameVi: 'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch',
    nameEn: 'Community tourism, eco-tourism and tourist sites',
  },
]);

/**
 * 1048 → 148 group. Textile → handicraft because An Giang counted the Khmer sarong as
 * handicraft (early-2023 breakdown has no textile line); souvenirs–furniture–decoration →
 * handicraft; herbal → medicinal.
 */
export const GROUP_1048_TO_148: Readonly<Record<ProductGroupCode1048, ProductGroupCode148>> =
  Object.freeze({
    food: 'food',
    beverage: 'beverage',
    herbal: 'medicinal',
    textile: 'handicraft',
    handicraft: 'handicraft',
    tourism: 'tourism',
  });

/** All groups of a taxonomy, in the decision's order. */
export function groupsOf(taxonomy: Taxonomy): readonly ProductGroup[] {
  return taxonomy === '1048' ? PRODUCT_GROUPS_1048 : PRODUCT_GROUPS_148;
}

/** One group, or null for an unknown or missing code (a stored code the taxonomy lacks). */
export function findProductGroup(
  taxonomy: Taxonomy,
  code: string | null | undefined,
): ProductGroup | null {
  if (!code) return null;
  return groupsOf(taxonomy).find((group) => group.code === code) ?? null;
}

/** One group; throws UNKNOWN_PRODUCT_GROUP. */
export function getProductGroup(taxonomy: Taxonomy, code: string): ProductGroup {
  const found = groupsOf(taxonomy).find((group) => group.code === code);
  if (!found) {
    throw new DomainError(
      'UNKNOWN_PRODUCT_GROUP',
      `Product group "${code}" does not exist in the ${taxonomy} taxonomy`,
      {
        taxonomy,
        code,
      },
    );
  }
  return found;
}

/** The 148 group for a 1048 group code; throws UNKNOWN_PRODUCT_GROUP. */
export function mapGroup1048To148(code: string): ProductGroup {
  getProductGroup('1048', code);
  return getProductGroup('148', GROUP_1048_TO_148[code as ProductGroupCode1048]);
}
