// collectGarbage (modules/imports/collect-garbage.ts), which a large import calls between phases,
// runs a real collection without --expose-gc on the command line: an object nothing refers to any
// more is gone afterwards.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../src/modules/imports/collect-garbage.js';

describe('collectGarbage', () => {
  it('collects an unreachable object, and can be called again', async () => {
    let held: { rows: number[] } | null = { rows: Array.from({ length: 1000 }, (_, i) => i) };
    const weak = new WeakRef(held);
    held = null;
    // A WeakRef's target lives at least until the end of the job that made or read it.
    await nextTurn();
    collectGarbage();
    expect(weak.deref()).toBeUndefined();
    expect(() => collectGarbage()).not.toThrow();
  });
});
