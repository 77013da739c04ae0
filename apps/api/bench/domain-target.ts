// A stored plan target as the domain's PlanTarget, with its values as issued (no amendments, no
// owner): what the profiling scripts hand to the domain. The API's own conversion, with
// amendments and the owner, is toDomainTarget in src/modules/plans/plan-facts.ts.
import type { PlanPeriod, PlanTarget as DomainPlanTarget } from '@ocop/domain';
import type { PlanTarget } from '../src/modules/plans/plan-target.entity.js';

export function asIssued(target: PlanTarget, period: PlanPeriod): DomainPlanTarget {
  return {
    code: target.code,
    kind: target.kind,
    labelVi: target.labelVi,
    labelEn: target.labelEn,
    definition: target.definition,
    definitionVi: target.definitionVi ?? null,
    target: target.targetValue,
    targetMax: target.targetMax ?? null,
    unitLabel: target.unitLabel,
    scope: target.scope,
    owner: '',
    metric: target.metric as DomainPlanTarget['metric'],
    period,
  };
}
