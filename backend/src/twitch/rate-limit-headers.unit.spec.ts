import { parseRateLimitHeaders } from './rate-limit-headers.js';

describe('parseRateLimitHeaders', () => {
  test('reads limit, remaining and the reset epoch seconds', () => {
    expect(
      parseRateLimitHeaders({
        'ratelimit-limit': '800',
        'ratelimit-remaining': '799',
        'ratelimit-reset': '1770753601',
      }),
    ).toEqual({ limit: 800, remaining: 799, resetAt: new Date(1_770_753_601_000) });
  });
  test('absent or garbled headers mean unknown', () => {
    expect(parseRateLimitHeaders({})).toBeUndefined();
    expect(
      parseRateLimitHeaders({ 'ratelimit-limit': 'lots', 'ratelimit-remaining': '1', 'ratelimit-reset': '1' }),
    ).toBeUndefined();
  });
});
