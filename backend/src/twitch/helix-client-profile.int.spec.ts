import { startSimHarness, type SimHarness } from './testing/sim-harness.js';
import { must } from '../must.js';
import { anyOf, objectContaining } from '../testing/matchers.js';

describe('HelixClient profile endpoints against the simulator', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startSimHarness();
  });
  afterAll(() => h.close());

  test('getUsers batches ids and logins together, keeps raw fields and skips unknown ids', async () => {
    const ids = h.sim.world.channels.slice(0, 5).map((c) => c.id);
    const users = await h.client.getUsers({ ids: [...ids, 'nope'], logins: ['northwind_gg'] });
    expect(users.map((u) => u.id).sort()).toEqual(ids.sort());
    expect(users[0]).toHaveProperty('profile_image_url');
    expect(users[0]).toHaveProperty('view_count'); // unknown-to-us and deprecated fields are kept
    expect(h.sim.requests.filter((r) => r.endpoint === '/users')).toHaveLength(1);
  });

  test('getUsers splits more than 100 ids and logins into batches of 100', async () => {
    const many = Array.from({ length: 150 }, (_, i) => `x${i}`);
    h.sim.requests.length = 0;
    await h.client.getUsers({ ids: many, logins: ['paloma_plays'] });
    const sent = h.sim.requests.filter((r) => r.endpoint === '/users');
    expect(sent.map((r) => r.query.length)).toEqual([100, 51]);
  });

  test('getChannels returns channel information for each broadcaster', async () => {
    const [demo] = h.sim.world.channels;
    const channels = await h.client.getChannels([must(demo, 'demo').id]);
    expect(channels).toEqual([
      objectContaining({
        broadcaster_id: must(demo, 'demo').id,
        broadcaster_login: must(demo, 'demo').login,
        tags: anyOf(Array),
      }),
    ]);
  });

  test('getFollowerTotal works with the app token and returns the body without pagination', async () => {
    const big = must(h.sim.world.channels[2], 'h.sim.world.channels[2]');
    const result = await h.client.getFollowerTotal(big.id);
    expect(result.total).toBeGreaterThan(1_000_000);
    expect(result.raw).toEqual({ total: result.total, data: [] });
  });

  test('follower totals move with simulated time and can be read for the past', async () => {
    const channel = must(h.sim.world.channels[1], 'h.sim.world.channels[1]');
    const now = (await h.client.getFollowerTotal(channel.id)).total;
    const start = h.clock.nowMs();
    h.clock.set(start - 60 * 86_400_000);
    const twoMonthsAgo = (await h.client.getFollowerTotal(channel.id)).total;
    h.clock.set(start);
    expect(twoMonthsAgo).toBeLessThan(now);
  });

  test('getGames batches ids', async () => {
    const games = await h.client.getGames(['509658', '33214', 'unknown']);
    expect(games.map((g) => g.name).sort()).toEqual(['Fortnite', 'Just Chatting']);
  });
});
