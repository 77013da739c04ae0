import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The version of one fact segment (fact-segments.ts), raised by database triggers only; declared so
 * the schema checks know the table. A segment without a row has version 0.
 */
export const FactSegment = defineEntity({
  name: 'FactSegment',
  tableName: 'fact_segment',
  properties: {
    segment: p.bigint('number').primary().autoincrement(false),
    version: p.bigint('number'),
  },
});
export type FactSegment = InferEntity<typeof FactSegment>;
