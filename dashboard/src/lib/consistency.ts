/**
 * Hands a refresh's consistency token to the next data load. The refresh sets it and calls
 * `invalidateAll()`; the page's `load` takes it once and sends it with its queries, so the
 * numbers it shows already include what the refresh collected (read-your-writes).
 */
let pending: string | undefined;

export function useConsistencyTokenOnNextLoad(token: string): void {
  pending = token;
}

/** The token for this load, if a refresh just finished; cleared so later loads do not wait on it. */
export function takeConsistencyToken(): string | undefined {
  const token = pending;
  pending = undefined;
  return token;
}
