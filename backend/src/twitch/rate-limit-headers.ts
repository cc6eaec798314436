/** Helix's Ratelimit-* response headers, read defensively (absent or garbled means "unknown"). */
export interface RateLimitSnapshot {
  limit: number;
  remaining: number;
  /** When the bucket is full again (from Ratelimit-Reset, Unix epoch seconds). */
  resetAt: Date;
}

type HeaderBag = Record<string, unknown> | { get(name: string): unknown };

function header(headers: HeaderBag, name: string): number | undefined {
  const raw =
    typeof headers.get === 'function'
      ? (headers as { get(n: string): unknown }).get(name)
      : (headers as Record<string, unknown>)[name];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw === undefined || raw === null || raw === '' || !Number.isFinite(value) ? undefined : value;
}

export function parseRateLimitHeaders(headers: HeaderBag): RateLimitSnapshot | undefined {
  const limit = header(headers, 'ratelimit-limit');
  const remaining = header(headers, 'ratelimit-remaining');
  const reset = header(headers, 'ratelimit-reset');
  if (limit === undefined || remaining === undefined || reset === undefined || limit <= 0) return undefined;
  return { limit, remaining: Math.max(0, Math.floor(remaining)), resetAt: new Date(reset * 1000) };
}
