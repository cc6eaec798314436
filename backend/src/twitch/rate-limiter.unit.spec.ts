import { SimulatedClock } from '../clock.js';
import { RateLimiter } from './rate-limiter.js';
import { must } from '../must.js';

const snapshot = (remaining: number, limit = 60, resetSeconds = 0) => ({
  limit,
  remaining,
  resetAt: new Date(resetSeconds * 1000),
});

describe('RateLimiter', () => {
  test('probes with a single request until the first headers tell the bucket size', async () => {
    const limiter = new RateLimiter({ clock: new SimulatedClock(0, { autoAdvance: true }), concurrency: 4 });
    const first = await limiter.acquire();
    let secondGranted = false;
    const second = limiter.acquire().then((p) => {
      secondGranted = true;
      return p;
    });
    await new Promise((r) => setImmediate(r));
    expect(secondGranted).toBe(false);
    first.release(snapshot(59));
    (await second).release(snapshot(58));
  });

  test('with the bucket empty, permits come at the refill rate (60/min = one per second)', async () => {
    const clock = new SimulatedClock(0, { autoAdvance: true });
    const limiter = new RateLimiter({ clock, concurrency: 4 });
    (await limiter.acquire()).release(snapshot(0));
    const start = clock.nowMs();
    for (let i = 0; i < 5; i++) (await limiter.acquire()).release();
    expect(clock.nowMs() - start).toBe(5_000);
    expect(limiter.stats.waitedMs).toBe(5_000);
  });

  test('a lower server count wins over the local model; a higher one does not', async () => {
    const clock = new SimulatedClock(0, { autoAdvance: true });
    const limiter = new RateLimiter({ clock, concurrency: 1 });
    (await limiter.acquire()).release(snapshot(10));
    (await limiter.acquire()).release(snapshot(59)); // stale or optimistic: ignored
    const start = clock.nowMs();
    for (let i = 0; i < 9; i++) (await limiter.acquire()).release();
    expect(clock.nowMs()).toBe(start); // 10 - 1 = 9 left, no wait
    (await limiter.acquire()).release();
    expect(clock.nowMs() - start).toBe(1_000);
  });

  test('after a 429 nothing is granted before the reset time', async () => {
    const clock = new SimulatedClock(0, { autoAdvance: true });
    const limiter = new RateLimiter({ clock, concurrency: 2 });
    (await limiter.acquire()).release(snapshot(30));
    limiter.rateLimited(new Date(42_000));
    (await limiter.acquire()).release();
    expect(clock.nowMs()).toBeGreaterThanOrEqual(42_000);
    expect(limiter.stats.rateLimited).toBe(1);
  });

  test('never more requests in flight than the concurrency', async () => {
    const limiter = new RateLimiter({ clock: new SimulatedClock(0, { autoAdvance: true }), concurrency: 2 });
    (await limiter.acquire()).release(snapshot(50));
    const granted = [limiter.acquire(), limiter.acquire(), limiter.acquire()];
    let third = false;
    void must(granted[2], 'granted[2]').then(() => {
      third = true;
    });
    const [a] = await Promise.all([must(granted[0], 'granted[0]'), must(granted[1], 'granted[1]')]);
    await new Promise((r) => setImmediate(r));
    expect(third).toBe(false);
    must(a, 'a').release();
    await granted[2];
    expect(third).toBe(true);
  });
});
