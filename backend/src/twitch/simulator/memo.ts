/**
 * A bounded cache for values that are pure functions of their key (sessions, clip sets): the
 * world stays a function of (seed, time) while repeated requests stop recomputing it.
 */
export function boundedMemo<V>(limit: number): (key: string, compute: () => V) => V {
  let cache = new Map<string, V>();
  return (key, compute) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (cache.size >= limit) cache = new Map(); // crude, but a miss only costs recomputation
    cache.set(key, value);
    return value;
  };
}
