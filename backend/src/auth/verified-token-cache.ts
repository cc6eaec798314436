/**
 * Remembers tokens that verified, until they expire, so a session making many requests pays for
 * the signature check once. Keyed by the whole token string: a token differing in any byte is
 * verified afresh, and nothing is ever cached for a token that failed. Bounded: when full, the
 * oldest entries go first (Map keeps insertion order).
 */
export interface CachedSession<T> {
  value: T;
  expiresAtMs: number;
}

export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, CachedSession<T>>();

  constructor(private readonly maxEntries = 10_000) {}

  get(token: string, nowMs: number): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= nowMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.value;
  }

  set(token: string, value: T, expiresAtMs: number, nowMs: number): void {
    if (expiresAtMs <= nowMs) return;
    if (this.entries.size >= this.maxEntries) {
      for (const [key, entry] of this.entries) {
        if (this.entries.size < this.maxEntries && entry.expiresAtMs > nowMs) break;
        this.entries.delete(key);
      }
    }
    this.entries.set(token, { value, expiresAtMs });
  }

  get size(): number {
    return this.entries.size;
  }
}
