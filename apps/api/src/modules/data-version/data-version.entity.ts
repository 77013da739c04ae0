import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The data version: one row (id 1) whose `version` every write that changes facts raises by one
 * inside its own transaction (modules/data-version/data-version.service.ts). Cached figures are
 * keyed by it, so a committed write makes every older cache entry unreachable in every process at
 * once. `epoch` is random per database (set by the migration): a rebuilt database starts again at
 * version 0 but under a new epoch, so a shared Redis never serves figures of the database it replaced.
 * `segmentsEpoch` makes every fact segment stale at once (modules/data-version/fact-segments.ts).
 */
export const DataVersion = defineEntity({
  name: 'DataVersion',
  tableName: 'data_version',
  properties: {
    id: p.integer().primary().autoincrement(false),
    version: p.bigint('number'),
    epoch: p.string().length(32),
    /** Raised by writes that leave every fact segment stale (fact-segments.ts). */
    segmentsEpoch: p.bigint('number').default(0),
  },
});
export type DataVersion = InferEntity<typeof DataVersion>;
