import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Product } from '../products/product.entity.js';
import { Decision } from './decision.entity.js';

export const DECISION_ACTIONS = ['recognise', 'revoke'] as const;

/** One product in a decision. `stars` null = OCOP status confirmed by the source, star unknown. */
export const DecisionItem = defineEntity({
  name: 'DecisionItem',
  tableName: 'decision_item',
  uniques: [{ properties: ['decision', 'product', 'action'] }],
  properties: {
    id: p.integer().primary(),
    // Lookups by decision use the unique (decision, product, action) index's prefix.
    decision: () => p.manyToOne(Decision).ref().index(false),
    product: () => p.manyToOne(Product).ref().index(),
    stars: p.integer().nullable().index(),
    action: p.enum([...DECISION_ACTIONS]).default('recognise'),
    /**
     * A recognition no evaluation result backs: allowed only where the rule set or the imported
     * published decision list allows it (packages/domain/src/rules/decision-checks.ts).
     */
    withoutEvaluation: p.boolean().default(false),
    version: p.integer().version(),
  },
});
export type DecisionItem = InferEntity<typeof DecisionItem>;
