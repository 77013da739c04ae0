import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Plan } from './plan.entity.js';

/** One changed target value of an amendment. */
export interface TargetChange {
  code: string;
  targetValue: number;
  targetMax: number | null;
}

/**
 * An amendment of a plan (a later decision changing targets): version `number` of the plan from
 * `effectiveFrom` on. Figures on an as-of date use the targets of the last amendment in force
 * then (plan-versions.ts); the plan's own targets are version 1.
 */
export const PlanAmendment = defineEntity({
  name: 'PlanAmendment',
  tableName: 'plan_amendment',
  uniques: [{ properties: ['plan', 'number'] }],
  properties: {
    id: p.integer().primary(),
    plan: () => p.manyToOne(Plan).ref(),
    /** 2 for the first amendment (the plan as issued is version 1). */
    number: p.integer(),
    documentCode: p.string().length(64),
    issuedOn: p.date(),
    effectiveFrom: p.date(),
    reason: p.text().nullable(),
    changes: p.json<TargetChange[]>(),
    createdAt: p.datetime(),
  },
});
export type PlanAmendment = InferEntity<typeof PlanAmendment>;
