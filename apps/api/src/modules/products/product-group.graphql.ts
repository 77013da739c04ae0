// ProductGroup: the product groups of 1048/QĐ-TTg and of 148/QĐ-TTg (two taxonomies, mapped).
import {
  groupsOf,
  PRODUCT_GROUPS_1048,
  PRODUCT_GROUPS_148,
  type ProductGroup as DomainProductGroup,
} from '@ocop/domain';
import { builder } from '../../graphql/builder.js';

// Named after the decision that lists the groups, like the rule set codes (QD1048, QD148); the
// values are the domain's `Taxonomy` ('1048' | '148').
export const GroupTaxonomyEnum = builder.enumType('GroupTaxonomy', {
  description: 'A product-group taxonomy: the list of groups a decision sets.',
  values: {
    QD1048: {
      value: '1048',
      description:
        '1048/QĐ-TTg (21/08/2019), Phụ lục I: 6 ngành (food, beverage, herbal, textile, handicraft, tourism).',
    },
    QD148: {
      value: '148',
      description:
        '148/QĐ-TTg (24/02/2023, kept by 1489/QĐ-TTg): 6 nhóm (food, beverage, medicinal, handicraft, ornamental, tourism).',
    },
  } as const,
});

export const ProductGroup = builder.objectRef<DomainProductGroup>('ProductGroup');
ProductGroup.implement({
  description:
    'A product group of one taxonomy: QD1048 (1048/QĐ-TTg, 6 ngành) or QD148 (148/QĐ-TTg, 6 nhóm).',
  fields: (t) => ({
    code: t.exposeString('code', {
      description: 'Group code within its taxonomy, e.g. "food", "handicraft".',
    }),
    taxonomy: t.field({
      type: GroupTaxonomyEnum,
      description: 'The taxonomy the code belongs to.',
      resolve: (g) => g.taxonomy,
    }),
    nameVi: t.exposeString('nameVi', { description: 'Vietnamese name as in the decision.' }),
    nameEn: t.exposeString('nameEn', { description: 'English name.' }),
  }),
});

builder.queryFields((t) => ({
  productGroups: t.field({
    type: [ProductGroup],
    description: 'Product groups of one taxonomy, or of both.',
    args: {
      taxonomy: t.arg({ type: GroupTaxonomyEnum, description: 'Omit for both taxonomies.' }),
    },
    resolve: (_root, args) =>
      args.taxonomy == null
        ? [...PRODUCT_GROUPS_1048, ...PRODUCT_GROUPS_148]
        : [...groupsOf(args.taxonomy)],
  }),
}));
