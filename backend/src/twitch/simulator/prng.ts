/**
 * Stateless seeded randomness: every value is a hash of (seed, keys), so any fact about the
 * simulated world can be computed for any time without replaying what came before.
 */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of the keys (FNV-1a over their text, then an avalanche mix). */
export function hash32(...keys: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const key of keys) {
    const text = `${String(key)}\u0000`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return mix32(h);
}

/** A uniform number in [0, 1) determined by the keys. */
export function unit(...keys: ReadonlyArray<string | number>): number {
  return hash32(...keys) / 0x1_0000_0000;
}

/** An integer in [min, max] determined by the keys. */
export function intBetween(min: number, max: number, ...keys: ReadonlyArray<string | number>): number {
  return min + Math.floor(unit(...keys) * (max - min + 1));
}

export function pick<T>(items: readonly T[], ...keys: ReadonlyArray<string | number>): T {
  const item = items[Math.floor(unit(...keys) * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/**
 * Smooth noise in about [-1, 1]: daily random values joined by cosine interpolation, so a
 * quantity sampled twice in one hour barely moves but differs from day to day.
 */
export function smoothNoise(timeMs: number, periodMs: number, ...keys: ReadonlyArray<string | number>): number {
  const position = timeMs / periodMs;
  const index = Math.floor(position);
  const fraction = position - index;
  const a = unit(...keys, index) * 2 - 1;
  const b = unit(...keys, index + 1) * 2 - 1;
  const weight = (1 - Math.cos(fraction * Math.PI)) / 2;
  return a * (1 - weight) + b * weight;
}
