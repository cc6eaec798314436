/**
 * Scale helpers shared by the chart compositions.
 */

/**
 * A y domain that frames the values with some headroom instead of starting at zero:
 * follower counts move by a few percent, which a zero baseline would flatten.
 */
export function paddedDomain(values: readonly number[], headroom = 0.12): [number, number] {
  if (values.length === 0) return [0, 1];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const spread = max - min || Math.max(1, Math.abs(max) * 0.02);
  return [Math.max(0, min - spread * headroom), max + spread * headroom];
}

/** Index of the item whose x position is closest to `px` (items ordered by x). */
export function nearestIndex<T>(items: readonly T[], px: number, xOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xOf(items[mid] as T) < px) lo = mid;
    else hi = mid;
  }
  const loDist = Math.abs(xOf(items[lo] as T) - px);
  const hiDist = Math.abs(xOf(items[hi] as T) - px);
  return hiDist < loDist ? hi : lo;
}
