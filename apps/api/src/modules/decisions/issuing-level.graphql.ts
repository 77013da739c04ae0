// IssuingLevel: who issued a recognition decision.
import { dbEnum } from '../../graphql/enums.js';
import { ISSUING_LEVELS } from './decision.entity.js';

export const IssuingLevelEnum = dbEnum('IssuingLevel', ISSUING_LEVELS, {
  description: 'Level that issues recognition decisions (certificates).',
  valueDescriptions: {
    district: 'District People’s Committee (3★ under 148/QĐ-TTg, 2023-02-24 → 2025-07-05).',
    province: 'Provincial People’s Committee.',
    national: 'Ministry of Agriculture (5★).',
  },
});
