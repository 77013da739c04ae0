import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A public web page a fact came from. Products, decisions, evaluations and figures link to it. */
export const Source = defineEntity({
  name: 'Source',
  tableName: 'source',
  properties: {
    id: p.integer().primary(),
    url: p.string().length(1000).unique(),
    title: p.text().nullable(),
    publishedOn: p.date().nullable(),
  },
});
export type Source = InferEntity<typeof Source>;
