import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DATE_PRECISIONS } from '../shared/date-precision.js';
import { Source } from '../sources/source.entity.js';

export const ISSUING_LEVELS = ['district', 'province', 'national'] as const;
export type IssuingLevel = (typeof ISSUING_LEVELS)[number];

/**
 * A recognition (or revocation) decision. Numbers and dates were not published for 2020–2021, so
 * `number` may be null and `date` may be year-precision. `groupKey` is the importer's natural key
 * (level, number, decision date, year, batch) so re-imports reuse the same decision.
 */
export const Decision = defineEntity({
  name: 'Decision',
  tableName: 'decision',
  // Stats filter and group by year and issuing level together (e.g. 2021 provincial decisions).
  indexes: [{ properties: ['year', 'issuingLevel'] }],
  properties: {
    id: p.integer().primary(),
    groupKey: p.string().length(64).unique(),
    number: p.string().length(120).nullable().index(),
    date: p.date().index(),
    datePrecision: p.enum([...DATE_PRECISIONS]),
    issuingLevel: p.enum([...ISSUING_LEVELS]).index(),
    batch: p.text().nullable(),
    // Lookups by year use the (year, issuing_level) index's prefix.
    year: p.integer(),
    sources: () => p.manyToMany(Source).pivotTable('decision_source'),
    version: p.integer().version(),
  },
});
export type Decision = InferEntity<typeof Decision>;
