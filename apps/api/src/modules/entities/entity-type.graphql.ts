// EntityType: the legal form of an OCOP subject (the stored lower-case values, upper-case in GraphQL).
import { dbEnum } from '../../graphql/enums.js';
import { ENTITY_TYPES } from './economic-entity.entity.js';

export const EntityTypeEnum = dbEnum('EntityType', ENTITY_TYPES, {
  description: 'Legal form of an OCOP subject.',
  valueDescriptions: {
    enterprise: 'Doanh nghiệp (Công ty TNHH, Cổ phần…).',
    cooperative: 'Hợp tác xã.',
    cooperative_group: 'Tổ hợp tác.',
    household_business: 'Hộ kinh doanh / cơ sở sản xuất (An Giang reports them together).',
  },
});
