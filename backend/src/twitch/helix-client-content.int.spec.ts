import { clipsBetween } from './simulator/channel-media.js';
import { liveSessionAt } from './simulator/stream-sessions.js';
import { startSimHarness, type SimHarness } from './testing/sim-harness.js';
import { must } from '../must.js';

const DAY_MS = 86_400_000;

describe('HelixClient content endpoints against the simulator', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startSimHarness({ channelCount: 250, clipResultCap: 120 }, { clipResultCap: 120 });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.requests.length = 0;
    h.sim.faults.clear();
  });

  test('getStreams batches 100 user ids per request and returns exactly the live channels', async () => {
    const { world } = h.sim;
    const streams = await h.client.getStreams({ userIds: world.channels.map((c) => c.id) });
    const expectedLive = world.channels.filter((c) => liveSessionAt(c, world.seed, h.clock.nowMs())).map((c) => c.id);
    expect(expectedLive.length).toBeGreaterThan(10);
    expect(streams.map((s) => s.user_id).sort()).toEqual(expectedLive.sort());
    expect(h.sim.requests.filter((r) => r.endpoint === '/streams')).toHaveLength(3);
    expect(streams[0]).toMatchObject({ type: 'live', tag_ids: [], is_mature: false });
  });

  test('viewer counts, games and titles of a live stream change with simulated time', async () => {
    const { world } = h.sim;
    const now = h.clock.nowMs();
    const channel = must(
      world.channels.find((c) => liveSessionAt(c, world.seed, now) && liveSessionAt(c, world.seed, now + 20 * 60_000)),
      'world.channels.find( (c) => liveSessionAt(c, world.seed, now) && live…',
    );
    const before = must(
      (await h.client.getStreams({ userIds: [channel.id] }))[0],
      '(await h.client.getStreams({ userIds: [channel.id] }))[0]',
    );
    h.clock.advance(20 * 60_000);
    const after = must(
      (await h.client.getStreams({ userIds: [channel.id] }))[0],
      '(await h.client.getStreams({ userIds: [channel.id] }))[0]',
    );
    h.clock.set(now);
    expect(after.id).toBe(before.id); // the same session, sampled twice
    expect(after.viewer_count).not.toBe(before.viewer_count);
  });

  test('getVideos with since reads one page and returns only newer videos, archives linked by stream_id', async () => {
    const big = must(h.sim.world.channels[2], 'h.sim.world.channels[2]');
    const since = new Date(h.clock.nowMs() - 7 * DAY_MS);
    const videos = await h.client.getVideos(big.id, { since });
    expect(videos.length).toBeGreaterThan(0);
    expect(videos.every((v) => Date.parse(v.created_at) >= since.getTime())).toBe(true);
    expect(videos.filter((v) => v.type === 'archive').every((v) => typeof v.stream_id === 'string')).toBe(true);
    expect(h.sim.requests.filter((r) => r.endpoint === '/videos')).toHaveLength(1);
  });

  test('getClips walks time windows past the result cap and finds every clip', async () => {
    const big = must(h.sim.world.channels[2], 'h.sim.world.channels[2]');
    const window = { startedAt: new Date(h.clock.nowMs() - 14 * DAY_MS), endedAt: h.clock.now() };
    const truth = clipsBetween(
      big,
      h.sim.world.seed,
      window.startedAt.getTime(),
      window.endedAt.getTime(),
      h.clock.nowMs(),
    );
    expect(truth.length).toBeGreaterThan(120 * 3); // far more than one query may return
    const clips = await h.client.getClips(big.id, window);
    expect(clips.map((c) => c.id).sort()).toEqual(truth.map((c) => c.id).sort());
    const windows = new Set(
      h.sim.requests
        .filter((r) => r.endpoint === '/clips')
        .map((r) => JSON.stringify(r.query.filter(([k]) => k !== 'after'))),
    );
    expect(windows.size).toBeGreaterThan(3);
  });

  test('getVideosByIds refreshes known videos 100 ids per request', async () => {
    const big = must(h.sim.world.channels[2], 'h.sim.world.channels[2]');
    const known = await h.client.getVideos(big.id, { since: new Date(h.clock.nowMs() - 30 * DAY_MS) });
    const refreshed = await h.client.getVideosByIds(known.map((v) => v.id));
    expect(refreshed.map((v) => v.id).sort()).toEqual(known.map((v) => v.id).sort());
  });
});
