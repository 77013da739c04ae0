// In-process LRU bounded by an estimate of its size in bytes (the JSON length of each value,
// measured once when stored). Values are kept as objects, deep-frozen, so a hit costs no parsing
// and no resolver can change what the next request reads.
import type { CacheStore } from './store.js';

interface Entry {
  value: unknown;
  bytes: number;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}

export class MemoryStore implements CacheStore {
  readonly kind = 'memory' as const;
  /** Map keeps insertion order: the first key is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  async get(key: string): Promise<unknown> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  async set(key: string, value: unknown): Promise<void> {
    const bytes = 2 * (JSON.stringify(value)?.length ?? 0) + 2 * key.length;
    // A value larger than the whole budget would only evict everything else.
    if (bytes > this.maxBytes) return;
    this.delete(key);
    this.entries.set(key, { value: deepFreeze(value), bytes });
    this.bytes += bytes;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.bytes = 0;
  }

  /**
   * Drops every entry whose key does not start with `prefix` (the figure cache's keys of the
   * newest data version): older versions' figures are never asked for again.
   */
  retainPrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (!key.startsWith(prefix)) this.delete(key);
  }

  /** Entries held (tests). */
  get size(): number {
    return this.entries.size;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
