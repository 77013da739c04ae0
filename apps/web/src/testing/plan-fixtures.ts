// Plan-list and plan answers for page tests (shapes of PLAN_YEARS_QUERY and PLAN_QUERY).
import type { PlanTarget } from '../graphql/plan';

export const PLAN_LIST = {
  planYears: [2020, 2021, 2022, 2023, 2024, 2025],
  plans: [
    {
      id: '5',
      year: 2025,
      code: 'KH-OCOP-2025',
      title: 'Kế hoạch OCOP năm 2025',
      programme: false,
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
    },
    {
      id: '1',
      year: 2021,
      code: '152/KH-UBND',
      title: 'Kế hoạch 152',
      programme: false,
      periodStart: '2021-01-01',
      periodEnd: '2021-12-31',
    },
    {
      id: '6',
      year: 2021,
      code: 'CT-OCOP-2021-2025',
      title: 'Chương trình OCOP 2021–2025',
      programme: true,
      periodStart: '2021-01-01',
      periodEnd: '2025-12-31',
    },
  ],
};

export function planAnswer(targets: PlanTarget[], over: Record<string, unknown> = {}) {
  return {
    plan: {
      id: '1',
      year: 2021,
      code: '152/KH-UBND',
      title: 'Kế hoạch 152',
      programme: false,
      issuedOn: '2021-03-24',
      periodStart: '2021-01-01',
      periodEnd: '2021-12-31',
      targets,
      ...over,
    },
  };
}
