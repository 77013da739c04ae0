// EvaluationLevel: which council evaluated (district, province, national).
import { dbEnum } from '../../graphql/enums.js';
import { EVALUATION_LEVELS } from './evaluation.entity.js';

export const EvaluationLevelEnum = dbEnum('EvaluationLevel', EVALUATION_LEVELS, {
  description: 'Level of the evaluation council.',
  valueDescriptions: {
    district: 'District council (3★ under 148/QĐ-TTg).',
    province: 'Provincial council.',
    national: 'National council (5★).',
  },
});
