import { TokenBucket } from './token-bucket.js';

describe("TokenBucket (the simulator's Helix bucket)", () => {
  test('starts full, refuses when empty, refills one point per 60000/limit ms exactly', () => {
    const bucket = new TokenBucket(800, 0);
    for (let i = 0; i < 800; i++) expect(bucket.take(0)).toBe(true);
    expect(bucket.take(0)).toBe(false);
    expect(bucket.take(74)).toBe(false);
    expect(bucket.take(75)).toBe(true);
  });

  test('headers: limit, whole points left, and the epoch second when it is full again', () => {
    const bucket = new TokenBucket(800, 10_000);
    bucket.take(10_000);
    expect(bucket.headers(10_000)).toEqual({ limit: 800, remaining: 799, resetEpochSeconds: 11 });
    bucket.drain(10_000);
    expect(bucket.headers(10_000)).toEqual({ limit: 800, remaining: 0, resetEpochSeconds: 70 });
  });

  test('a clock moved backwards does not refill the bucket', () => {
    const bucket = new TokenBucket(60, 100_000);
    bucket.drain(100_000);
    expect(bucket.take(50_000)).toBe(false);
    expect(bucket.take(51_000)).toBe(true);
  });
});
