import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Product } from '../products/product.entity.js';
import { DATE_PRECISIONS } from '../shared/date-precision.js';
import { Source } from '../sources/source.entity.js';

export const EVALUATION_LEVELS = ['district', 'province', 'national'] as const;
export type EvaluationLevel = (typeof EVALUATION_LEVELS)[number];
export const EVALUATION_OUTCOMES = ['passed', 'failed', 'unknown'] as const;

/**
 * A council's evaluation of a product. `ruleSetCode` is the rule set in force on `date` (chosen by
 * the domain); part scores and total stay null when the source did not publish them.
 */
export const Evaluation = defineEntity({
  name: 'Evaluation',
  tableName: 'evaluation',
  // Stats by year and level; plan facts and stats by level up to a day.
  indexes: [{ properties: ['year', 'level'] }, { properties: ['level', 'date'] }],
  // One evaluation per product, council level and day: a second identical write is the same fact.
  uniques: [{ properties: ['product', 'level', 'date'] }],
  properties: {
    id: p.integer().primary(),
    // No index of its own (every index slows an import's copy): the unique (product, level, date)
    // serves lookups by product, (level, date) by level and (year, level) by year.
    product: () => p.manyToOne(Product).ref().index(false),
    level: p.enum([...EVALUATION_LEVELS]),
    date: p.date().index(),
    datePrecision: p.enum([...DATE_PRECISIONS]),
    /** Calendar year of `date`, kept as a column so year filters and group-bys stay index-friendly. */
    year: p.integer(),
    ruleSetCode: p.string().length(32),
    partA: p.double().$type<number>().nullable(),
    partB: p.double().$type<number>().nullable(),
    partC: p.double().$type<number>().nullable(),
    total: p.double().$type<number>().nullable(),
    stars: p.integer().nullable().index(),
    potentialFiveStar: p.boolean().default(false),
    council: p.text().nullable(),
    round: p.text().nullable(),
    outcome: p.enum([...EVALUATION_OUTCOMES]).default('unknown'),
    sources: () => p.manyToMany(Source).pivotTable('evaluation_source'),
    version: p.integer().version(),
  },
});
export type Evaluation = InferEntity<typeof Evaluation>;
