import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { PlanAmendment } from './plan-amendment.entity.js';

/**
 * A provincial OCOP plan, e.g. 152/KH-UBND of 2021-03-24 for the year 2021, or a programme
 * spanning several years (2021–2025) whose targets may count since the programme's start.
 */
export const Plan = defineEntity({
  name: 'Plan',
  tableName: 'plan',
  properties: {
    id: p.integer().primary(),
    code: p.string().length(64).unique(),
    year: p.integer().index(),
    title: p.text(),
    issuedOn: p.date(),
    periodStart: p.date(),
    periodEnd: p.date(),
    /** A multi-year programme (2021–2025) rather than a year's plan. */
    programme: p.boolean().default(false),
    /** Where the plan's figures were published (the document itself is often not online). */
    sourceUrl: p.text().nullable(),
    /** Caveats, e.g. "document number not published". */
    note: p.text().nullable(),
    version: p.integer().version(),
    /**
     * Its amendments (no column): loaded with the plan in the same statement, because every
     * target's progress needs the version in force (plan.service.ts findPlanOfYear).
     */
    amendments: () => p.oneToMany(PlanAmendment).mappedBy('plan'),
  },
});
export type Plan = InferEntity<typeof Plan>;
