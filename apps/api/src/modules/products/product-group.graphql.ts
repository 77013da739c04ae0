// ProductGroup: the product groups of 1048/QĐ-TTg and of 148/QĐ-TTg (two taxonomies, mapped).
import {
  groupsOf,
  PRODUCT_GROUPS_1048,
  PRODUCT_GROUPS_148,
  type ProductGroup as DomainProductGroup,
} from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import { API_ERROR_CODES, apiError } from '../../graphql/errors.js';

export const ProductGroup = builder.objectRef<DomainProductGroup>('ProductGroup');
ProductGroup.implement({
  description:
    'A product group of one taxonomy: "1048" (1048/QĐ-TTg, 6 ngành) or "148" (148/QĐ-TTg, 6 nhóm).',
  fields: (t) => ({
    code: t.exposeString('code', {
      description: 'Group code within its taxonomy, e.g. "food", "handicraft".',
    }),
    taxonomy: t.exposeString('taxonomy', { description: '"1048" or "148".' }),
    nameVi: t.exposeString('nameVi', { description: 'Vietnamese name as in the decision.' }),
    nameEn: t.exposeString('nameEn', { description: 'English name.' }),
  }),
});

builder.queryFields((t) => ({
  productGroups: t.field({
    type: [ProductGroup],
    description: 'Product groups of one taxonomy ("1048" or "148"), or of both.',
    args: { taxonomy: t.arg.string({ description: '"1048" or "148"; omit for both.' }) },
    resolve: (_root, args) => {
      if (args.taxonomy == null) return [...PRODUCT_GROUPS_1048, ...PRODUCT_GROUPS_148];
      if (args.taxonomy !== '1048' && args.taxonomy !== '148') {
        throw apiError(API_ERROR_CODES.BAD_USER_INPUT, {
          en: `Unknown taxonomy "${args.taxonomy}": use "1048" or "148".`,
          vi: `Không có hệ phân nhóm "${args.taxonomy}": dùng "1048" hoặc "148".`,
        });
      }
      return [...groupsOf(args.taxonomy)];
    },
  }),
}));
