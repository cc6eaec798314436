import { TokenBuckets } from './token-buckets.js';

describe('TokenBuckets', () => {
  it('allows a burst, then refuses with the seconds until the next request may pass', () => {
    const buckets = new TokenBuckets({ perMinute: 6, burst: 3 });
    const results = [0, 0, 0, 0].map(() => buckets.take('user:a', 1_000));
    expect(results.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    // 6 a minute is one every 10 s.
    expect(results[3]).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(buckets.take('user:a', 5_000)).toEqual({ allowed: false, retryAfterSeconds: 6 });
    expect(buckets.take('user:a', 11_000)).toEqual({ allowed: true });
  });

  it('keeps one bucket per key', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 1 });
    expect(buckets.take('user:a', 0).allowed).toBe(true);
    expect(buckets.take('user:a', 0).allowed).toBe(false);
    expect(buckets.take('user:b', 0).allowed).toBe(true);
  });

  it('refills to the burst, not beyond', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 2 });
    buckets.take('k', 0);
    const later = 3_600_000;
    expect(
      [buckets.take('k', later), buckets.take('k', later), buckets.take('k', later)].map((r) => r.allowed),
    ).toEqual([true, true, false]);
  });

  it('forgets keys whose bucket has refilled, so idle users cost no memory', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 5 });
    for (let i = 0; i < 100; i++) buckets.take(`user:${i}`, 0);
    expect(buckets.size).toBe(100);
    buckets.take('user:new', 120_000);
    expect(buckets.size).toBe(1);
  });
});
