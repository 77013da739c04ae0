/**
 * Splits a fact set into parts ("segments") over which every metric can be counted part by part
 * and merged (metric-partials.ts) with the same outcome as over the whole set. What a metric
 * counts is a product or an entity, decided by that record's own facts alone, so a part holds:
 * - an entity, every product it makes, and those products' evaluations and decision items;
 * - a product without an entity (or whose entity is not among the facts) with its own records, in
 *   the part `segmentOfLoneProduct` names;
 * - every activity that names one of its entities or products (an activity naming records of
 *   several parts is in each of them; merging counts each record once).
 * Within a part every list keeps the input order (a same-day tie is decided as over the whole).
 * Council rounds are province-wide and belong to no part: they are applied after the merge.
 */
import type { PlanFacts } from './facts.js';

export function partitionFacts<K>(
  facts: PlanFacts,
  segmentOfEntity: (entityId: string) => K,
  segmentOfLoneProduct: (productId: string) => K,
): Map<K, PlanFacts> {
  const parts = new Map<K, PlanFacts>();
  const part = (key: K): PlanFacts => {
    let found = parts.get(key);
    if (!found) {
      found = {
        units: facts.units,
        entities: [],
        products: [],
        evaluations: [],
        decisionItems: [],
        activities: [],
      };
      parts.set(key, found);
    }
    return found;
  };
  const productSegment = new Map<string, K>();
  const segmentOfProduct = (id: string): K => productSegment.get(id) ?? segmentOfLoneProduct(id);
  for (const entity of facts.entities) part(segmentOfEntity(entity.id)).entities.push(entity);
  for (const product of facts.products) {
    // A product is counted with its maker (entity metrics read their products), known or not.
    const key =
      product.entityId === null
        ? segmentOfLoneProduct(product.id)
        : segmentOfEntity(product.entityId);
    productSegment.set(product.id, key);
    part(key).products.push(product);
  }
  for (const evaluation of facts.evaluations)
    part(segmentOfProduct(evaluation.productId)).evaluations.push(evaluation);
  for (const item of facts.decisionItems)
    part(segmentOfProduct(item.productId)).decisionItems.push(item);
  for (const activity of facts.activities) {
    const keys = new Set<K>();
    for (const id of activity.entityIds) keys.add(segmentOfEntity(id));
    for (const id of activity.productIds) keys.add(segmentOfProduct(id));
    for (const key of keys) part(key).activities.push(activity);
  }
  return parts;
}
