// In-process LRU bounded by an estimate of its size in bytes (about twice the JSON length of
// each value, measured once when stored). Values are kept as objects, deep-frozen, so a hit costs
// no parsing and no resolver can change what the next request reads.
import type { CacheStore } from './store.js';

interface Entry {
  value: unknown;
  bytes: number;
}

/**
 * Freezes `value` deeply and returns about its JSON length (strings without escapes counted,
 * numbers as 8 characters), in one walk. A plan's progress holds tens of thousands of counted ids
 * at 100,000 products: JSON.stringify for the size and Object.values for the freeze (an array
 * copied per level) walked them twice and cost about 13 ms of the API thread per computed plan.
 */
export function freezeAndMeasure(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return 8;
    case 'boolean':
      return 5;
    case 'object':
      break;
    default:
      // undefined, functions and symbols are left out of JSON.
      return 0;
  }
  if (value === null) return 4;
  if (!Object.isFrozen(value)) Object.freeze(value);
  let length = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // Ids and labels: no object to freeze, nothing to recurse into.
      length += (typeof item === 'string' ? item.length + 2 : freezeAndMeasure(item)) + 1;
    }
    return length;
  }
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    length += key.length + 4 + freezeAndMeasure((value as Record<string, unknown>)[key]);
  }
  return length;
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
    // UTF-16: two bytes a character.
    const bytes = 2 * freezeAndMeasure(value) + 2 * key.length;
    // A value larger than the whole budget would only evict everything else.
    if (bytes > this.maxBytes) return;
    this.delete(key);
    this.entries.set(key, { value, bytes });
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
