import { startSimHarness, type SimHarness } from './testing/sim-harness.js';
import { must } from '../must.js';

describe('rate limiting against the simulator (simulated clock)', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startSimHarness({ pointsPerMinute: 800 }, { concurrency: 8 });
  });
  afterEach(() => h.close());

  test('2,000 requests on an 800/min bucket: no 429 and within 5 % of the minimum time', async () => {
    const ids = h.sim.world.channels.map((c) => c.id);
    const startMs = h.clock.nowMs();
    await Promise.all(
      Array.from({ length: 2_000 }, (_, i) =>
        h.client.getUsers({ ids: [must(ids[i % ids.length], 'ids[i % ids.length]')] }),
      ),
    );
    const elapsedMs = h.clock.nowMs() - startMs;

    const helixRequests = h.sim.requests.filter((r) => r.endpoint === '/users');
    expect(helixRequests).toHaveLength(2_000);
    expect(helixRequests.filter((r) => r.status === 429)).toHaveLength(0);
    // A full bucket pays for the first 800; the other 1,200 need 1,200 / 800 min = 90 s of refill.
    const minimumMs = ((2_000 - 800) / 800) * 60_000;
    expect(elapsedMs).toBeGreaterThanOrEqual(minimumMs);
    expect(elapsedMs).toBeLessThanOrEqual(minimumMs * 1.05);
    expect(h.client.requestStats().buckets.app).toMatchObject({ granted: 2_000, rateLimited: 0, limit: 800 });
  });

  test('a bucket drained by someone else costs a 429, a wait until the reset, and then success', async () => {
    const [channel] = h.sim.world.channels;
    await h.client.getUsers({ ids: [must(channel, 'channel').id] });
    h.sim.faults.drainRateLimitBuckets();
    const startMs = h.clock.nowMs();
    await expect(h.client.getUsers({ ids: [must(channel, 'channel').id] })).resolves.toHaveLength(1);
    const statuses = h.sim.requests.filter((r) => r.endpoint === '/users').map((r) => r.status);
    expect(statuses).toEqual([200, 429, 200]);
    // Waited for Ratelimit-Reset, when the 800-point bucket is full again: about a minute.
    expect(h.clock.nowMs() - startMs).toBeGreaterThanOrEqual(59_000);
  });

  test('user-token requests use their own bucket, separate from the app bucket', async () => {
    const demo = must(h.sim.world.channels[0], 'h.sim.world.channels[0]');
    await h.connectUser(demo.id, ['channel:read:subscriptions']);
    await h.client.getSubscriptionSummary(demo.id, { userId: demo.id });
    await h.client.getFollowerTotal(demo.id);
    const buckets = new Set(h.sim.requests.filter((r) => r.bucket).map((r) => r.bucket));
    expect(buckets).toEqual(new Set([`user:${h.sim.clientId}:${demo.id}`, `app:${h.sim.clientId}`]));
    expect(Object.keys(h.client.requestStats().buckets).sort()).toEqual(['app', `user:${demo.id}`]);
  });
});
