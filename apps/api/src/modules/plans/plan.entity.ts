import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A provincial OCOP plan, e.g. 152/KH-UBND of 2021-03-24 for the year 2021. */
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
    version: p.integer().version(),
  },
});
export type Plan = InferEntity<typeof Plan>;
