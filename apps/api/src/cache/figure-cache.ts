// Cache of computed figures (plan progress, district figures, stats), keyed by
// (operation, canonical variables, data version) and, for shapes that depend on who asks, by role
// and unit. The data version is read once per request (one primary-key SELECT, memoised in the
// request), so a write committed through any process changes every later key at once: no
// time-based staleness. Concurrent misses of one key in a process share one computation.
import type { GraphQLContext } from '../graphql/context.js';
import {
  readDataVersion,
  type DataVersionStamp,
} from '../modules/data-version/data-version.service.js';
import { canonicalJson } from './canonical.js';
import { MemoryStore } from './memory-store.js';
import { NO_STORE, type CacheStore } from './store.js';

/**
 * 'public': the value is the same for every viewer (cache only such shapes without a scope).
 * 'viewer': the value depends on the viewer's role and unit, which become part of the key.
 */
export type CacheScope = 'public' | 'viewer';

export interface FigureCacheStats {
  hits: number;
  misses: number;
  errors: number;
}

export class FigureCache {
  readonly stats: FigureCacheStats = { hits: 0, misses: 0, errors: 0 };
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** The newest data version seen by this process. */
  private newest: DataVersionStamp | null = null;

  constructor(
    readonly store: CacheStore,
    /** Key prefix (CACHE_PREFIX): several deployments may share one Redis. */
    readonly prefix: string,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** The key of one figure, or null when nothing may be cached (no data version row). */
  keyOf(
    stamp: DataVersionStamp | null,
    operation: string,
    variables: unknown,
    viewer: { role: string | null; unitCode: string | null } | null,
  ): string | null {
    if (!stamp) return null;
    this.observe(stamp);
    const who = viewer ? `:${viewer.role ?? 'anonymous'}:${viewer.unitCode ?? '-'}` : '';
    return `${this.prefix}fig:${stamp.epoch}:${stamp.version}:${operation}${who}:${canonicalJson(variables)}`;
  }

  /**
   * In this process's memory, a newer data version drops the figures of the older ones at once
   * (they are never asked for again; keeping them until the LRU budget pushed them out is what
   * grew the heap under frequent writes). Redis lets them expire instead.
   */
  private observe(stamp: DataVersionStamp): void {
    const newest = this.newest;
    if (newest && newest.epoch === stamp.epoch && newest.version >= stamp.version) return;
    this.newest = stamp;
    if (this.store instanceof MemoryStore)
      this.store.retainPrefix(`${this.prefix}fig:${stamp.epoch}:${stamp.version}:`);
  }

  /** The cached value under `key`, or `compute()` stored there. A store failure only costs the cache. */
  async through<T>(key: string | null, compute: () => Promise<T>): Promise<T> {
    if (key === null || this.store.kind === 'none') return compute();
    let hit: unknown;
    try {
      hit = await this.store.get(key);
    } catch (error) {
      this.stats.errors += 1;
      this.onError(error);
    }
    if (hit !== undefined) {
      this.stats.hits += 1;
      return hit as T;
    }
    const running = this.inFlight.get(key) as Promise<T> | undefined;
    if (running) return running;
    this.stats.misses += 1;
    const computation = (async () => {
      const value = await compute();
      try {
        await this.store.set(key, value);
      } catch (error) {
        this.stats.errors += 1;
        this.onError(error);
      }
      return value;
    })();
    this.inFlight.set(key, computation);
    try {
      return await computation;
    } finally {
      this.inFlight.delete(key);
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** A cache that stores nothing (contexts built outside a server). */
export const NO_CACHE = new FigureCache(NO_STORE, '');

/**
 * Gives the request the data version its HTTP layer already read (the answer caches read it before
 * anything runs), so the figures use the same one and the request costs no second read.
 */
export function primeDataVersion(ctx: GraphQLContext, stamp: DataVersionStamp): void {
  void ctx.memo(DATA_VERSION_MEMO, async () => stamp);
}

/** The request memo's name of the data version. */
export const DATA_VERSION_MEMO = 'data-version';

/** The request's data version, read at most once per request. */
export function requestDataVersion(ctx: GraphQLContext): Promise<DataVersionStamp | null> {
  return ctx.memo(DATA_VERSION_MEMO, () => readDataVersion(ctx.em));
}

/**
 * A computed figure through the request's cache: `operation` names what is computed and
 * `variables` every input it depends on besides the data (as-of day, plan, filters…).
 */
export async function cachedFigure<T>(
  ctx: GraphQLContext,
  operation: string,
  variables: unknown,
  compute: () => Promise<T>,
  scope: CacheScope = 'public',
): Promise<T> {
  const cache = ctx.figures;
  if (cache.store.kind === 'none') return compute();
  const viewer =
    scope === 'viewer'
      ? { role: ctx.viewer.user?.role ?? null, unitCode: ctx.viewer.user?.unitCode ?? null }
      : null;
  const key = cache.keyOf(await requestDataVersion(ctx), operation, variables, viewer);
  return cache.through(key, compute);
}
