/** Splits ids into Helix-sized batches (100 per request where Helix allows repeating a parameter). */
export const HELIX_MAX_IDS = 100;

export function batchesOf<T>(items: readonly T[], size = HELIX_MAX_IDS): T[][] {
  const unique = [...new Set(items)];
  const batches: T[][] = [];
  for (let i = 0; i < unique.length; i += size) batches.push(unique.slice(i, i + size));
  return batches;
}
