// Redis store: JSON values under the configured prefix, shared by every API process. Keys carry the
// data version, so entries never go stale; the expiry only collects versions nobody asks for
// any more. The offline queue is off: with Redis down a lookup fails at once and the figure is
// computed (figure-cache.ts), instead of requests waiting for a reconnect.
import { Redis } from 'ioredis';
import type { CacheStore } from './store.js';

/** One day: old versions' entries disappear by themselves. */
const GARBAGE_SECONDS = 24 * 60 * 60;

export class RedisStore implements CacheStore {
  readonly kind = 'redis' as const;
  readonly client: Redis;

  constructor(url: string) {
    this.client = new Redis(url, {
      enableAutoPipelining: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    });
    // Errors surface on the commands (figure-cache falls back to computing); the connection's
    // own error events would otherwise crash the process as unhandled.
    this.client.on('error', () => undefined);
  }

  /** Connects; false when Redis cannot be reached now (ioredis keeps retrying in the background). */
  async connect(): Promise<boolean> {
    try {
      await this.client.connect();
      return true;
    } catch {
      return false;
    }
  }

  async get(key: string): Promise<unknown> {
    const text = await this.client.get(key);
    return text === null ? undefined : JSON.parse(text);
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.client.set(key, JSON.stringify(value), 'EX', GARBAGE_SECONDS);
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
