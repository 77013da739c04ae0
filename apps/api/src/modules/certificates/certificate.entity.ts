import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DecisionItem } from '../decisions/decision-item.entity.js';
import { Product } from '../products/product.entity.js';
import { DATE_PRECISIONS } from '../shared/date-precision.js';

/**
 * An OCOP certificate derived from a recognising decision item; validUntil comes from the domain
 * (36 months). A certificate whose star is unknown is still a certificate: stars may be null.
 */
export const Certificate = defineEntity({
  name: 'Certificate',
  tableName: 'certificate',
  // At most one open certificate (neither superseded nor revoked) per product: a partial unique
  // index, which PostgreSQL and SQLite both support. certificate.service.ts closes the old one
  // before inserting the new one, so no write ever has two at once.
  uniques: [
    {
      name: 'certificate_one_open_per_product',
      expression:
        'create unique index "certificate_one_open_per_product" on "certificate" ("product_id") where "revoked_on" is null and "superseded_on" is null',
    },
  ],
  // Stats: the latest certificate of a product on asOf (correlated on product, ordered by issue day).
  indexes: [{ properties: ['product', 'issuedOn'] }],
  properties: {
    id: p.integer().primary(),
    // Lookups by product use the (product, issued_on) index's prefix.
    product: () => p.manyToOne(Product).ref().index(false),
    decisionItem: () => p.oneToOne(DecisionItem).ref().owner().unique(),
    stars: p.integer().nullable().index(),
    issuedOn: p.date().index(),
    issuedPrecision: p.enum([...DATE_PRECISIONS]),
    validUntil: p.date().index(),
    // "In force on D" filters on both (stats, expiry radar).
    revokedOn: p.date().nullable().index(),
    supersededOn: p.date().nullable().index(),
    version: p.integer().version(),
  },
});
export type Certificate = InferEntity<typeof Certificate>;
