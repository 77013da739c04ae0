// Where cached figures are kept: the process's memory (default) or Redis (REDIS_URL), behind one
// small interface so the figure cache does not care which.
export interface CacheStore {
  readonly kind: 'memory' | 'redis' | 'none';
  /** The stored value, or undefined on a miss. */
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  close(): Promise<void>;
}

/** Stores nothing: every lookup misses (contexts built without a server, e.g. the seed). */
export const NO_STORE: CacheStore = Object.freeze({
  kind: 'none' as const,
  get: async () => undefined,
  set: async () => undefined,
  close: async () => undefined,
});
