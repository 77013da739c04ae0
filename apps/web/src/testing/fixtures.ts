import type { PlanTarget, StatusReasonCode, TargetProgress } from '../graphql/plan';

export function progress(overrides: Partial<TargetProgress> = {}): TargetProgress {
  return {
    asOf: '2021-12-31',
    actual: null,
    numerator: null,
    denominator: null,
    target: 20,
    targetMax: null,
    ratio: null,
    met: false,
    aboveUpperBound: false,
    status: 'NOT_STARTED',
    statusRule: 'linear-pace-v2',
    statusReason: '',
    // The schema always sends a code; without one (as from an older API) the card shows the
    // API's English statusReason, which is what these fixtures' tests read.
    statusReasonCode: null as unknown as StatusReasonCode,
    statusReasonParams: [],
    noData: false,
    yearOnlyRecords: 0,
    sampleRecords: 0,
    publishedRounds: [],
    perUnit: [],
    ...overrides,
  };
}

export function target(overrides: Partial<PlanTarget> = {}): PlanTarget {
  return {
    id: 't1',
    code: 'T1-CERTIFIED',
    kind: 'COUNT_AT_LEAST',
    labelVi: 'Sản phẩm được công nhận OCOP từ 3 sao trở lên trong năm',
    labelEn: 'Products newly certified 3★ or more in the year',
    definition: 'distinct products whose first OCOP certificate (3★+) is dated in the plan year',
    definitionVi:
      'số sản phẩm khác nhau có giấy chứng nhận OCOP (3 sao trở lên) đầu tiên được cấp trong năm kế hoạch',
    targetValue: 20,
    targetMax: null,
    unitLabel: 'products',
    owner: {
      id: 'd1',
      code: 'SNN',
      nameVi: 'Sở Nông nghiệp và Phát triển nông thôn',
      nameEn: 'Department of Agriculture and Rural Development',
    },
    progress: progress(),
    ...overrides,
  };
}
