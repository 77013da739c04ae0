import type { EvaluationLevel } from '@ocop/domain';

/** Vietnamese names of the evaluation / recognition levels, as they read inside a sentence. */
export const LEVEL_NAMES_VI: Record<EvaluationLevel, string> = {
  district: 'cấp huyện',
  province: 'cấp tỉnh',
  national: 'cấp quốc gia',
};
