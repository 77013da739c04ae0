// Builds the figure cache the configuration asks for: Redis when REDIS_URL is set (shared by every
// API process), otherwise an LRU in this process's memory.
import type { AppConfig } from '../config.js';
import { FigureCache } from './figure-cache.js';
import { MemoryStore } from './memory-store.js';
import { RedisStore } from './redis-store.js';

export interface CacheLog {
  warn(obj: object, msg?: string): void;
}

export async function createFigureCache(config: AppConfig, log?: CacheLog): Promise<FigureCache> {
  const onError = (err: unknown) => log?.warn({ err }, 'figure cache unavailable; computing');
  if (config.REDIS_URL) {
    const store = new RedisStore(config.REDIS_URL);
    if (!(await store.connect()))
      log?.warn(
        { redis: 'unreachable' },
        'Redis unreachable at start; figures are computed until it answers',
      );
    return new FigureCache(store, config.CACHE_PREFIX, onError);
  }
  return new FigureCache(
    new MemoryStore(config.CACHE_MAX_MB * 1024 * 1024),
    config.CACHE_PREFIX,
    onError,
  );
}
