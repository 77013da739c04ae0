// Per-request memo for expensive loads used by several fields (plan facts for every target).
export type Memo = <T>(key: string, load: () => Promise<T>) => Promise<T>;

export function createMemo(): Memo {
  const cache = new Map<string, Promise<unknown>>();
  return <T>(key: string, load: () => Promise<T>) => {
    let hit = cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      cache.set(key, hit);
    }
    return hit;
  };
}
