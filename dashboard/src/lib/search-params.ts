/**
 * Query-string helpers for the pages' links. Pure functions on copies: the page's own URL is
 * never changed in place.
 */

/**
 * A copy of `params` with some parameters changed: a value sets one (where it stood, if it was
 * there), null removes it; every other parameter is kept.
 */
export function withChanges(params: URLSearchParams, changes: Record<string, string | null>): URLSearchParams {
  const changed = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) changed.delete(key);
    else changed.set(key, value);
  }
  return changed;
}
