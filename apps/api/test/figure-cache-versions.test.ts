// The in-process figure store keeps only the newest data version's figures (cache/figure-cache.ts):
// a newer version drops the older ones at once instead of leaving them to the LRU budget, and a
// request that still holds an older version does not drop the newer ones.
import { describe, expect, it } from 'vitest';
import { FigureCache } from '../src/cache/figure-cache.js';
import { MemoryStore } from '../src/cache/memory-store.js';

describe('figure cache across data versions', () => {
  it('drops the figures of older versions when a newer one is seen', async () => {
    const store = new MemoryStore(1 << 20);
    const cache = new FigureCache(store, 'p:');
    const v = (version: number) => ({ epoch: 'e', version });
    await cache.through(cache.keyOf(v(1), 'stats', { a: 1 }, null), async () => ({ n: 1 }));
    await cache.through(cache.keyOf(v(1), 'stats', { a: 2 }, null), async () => ({ n: 2 }));
    expect(store.size).toBe(2);
    const newer = cache.keyOf(v(2), 'stats', { a: 1 }, null);
    expect(store.size).toBe(0);
    await cache.through(newer, async () => ({ n: 3 }));
    expect(store.size).toBe(1);
    // An older version asked afterwards keeps the newest version's figures.
    await cache.through(cache.keyOf(v(1), 'stats', { a: 1 }, null), async () => ({ n: 1 }));
    expect(await cache.through(newer, async () => ({ n: -1 }))).toEqual({ n: 3 });
    // Another epoch (a rebuilt database) is newer whatever its number.
    cache.keyOf({ epoch: 'f', version: 0 }, 'stats', { a: 1 }, null);
    expect(store.size).toBe(0);
  });
});
