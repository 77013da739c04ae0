// Per-import memo of pure functions called once or more per row with few distinct arguments
// (normalised names, dates → rule sets, certificate ends), bounded so a huge file cannot grow it
// without limit.
export function memo<A extends string, R>(fn: (arg: A) => R, limit = 200_000): (arg: A) => R {
  const cache = new Map<A, R>();
  return (arg: A) => {
    const hit = cache.get(arg);
    if (hit !== undefined || cache.has(arg)) return hit as R;
    const value = fn(arg);
    if (cache.size < limit) cache.set(arg, value);
    return value;
  };
}
