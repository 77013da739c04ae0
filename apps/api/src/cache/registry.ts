// The figure cache of each database: createServer attaches one to its ORM, and every context built
// on that ORM (GraphQL requests, the data endpoints) uses it. A context on an ORM without one (the
// seed, CLI, direct tests) caches nothing, so figures there are always computed afresh.
import type { MikroORM } from '@mikro-orm/core';
import { NO_CACHE, type FigureCache } from './figure-cache.js';

const caches = new WeakMap<MikroORM, FigureCache>();

export function attachFigureCache(orm: MikroORM, cache: FigureCache): void {
  caches.set(orm, cache);
}

export function detachFigureCache(orm: MikroORM, cache: FigureCache): void {
  if (caches.get(orm) === cache) caches.delete(orm);
}

export function figureCacheOf(orm: MikroORM): FigureCache {
  return caches.get(orm) ?? NO_CACHE;
}
