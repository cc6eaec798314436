import { followersAt, subscriptionsAt } from './channel-audience.js';
import { clipsBetween, videosAt } from './channel-media.js';
import { createSimWorld, DAY_MS } from './sim-world.js';
import { liveSessionAt, sessionsBetween, viewersAt } from './stream-sessions.js';

const NOW = Date.UTC(2026, 1, 10, 20);

describe('the simulated world is a deterministic function of (seed, time)', () => {
  const world = createSimWorld({ seed: 3, channelCount: 30, demo: true });

  test('the same seed gives the same channels; another seed different ones', () => {
    expect(createSimWorld({ seed: 3, channelCount: 30, demo: true }).channels).toEqual(world.channels);
    expect(createSimWorld({ seed: 4, channelCount: 30 }).channels.map((c) => c.login)).not.toEqual(
      createSimWorld({ seed: 3, channelCount: 30 }).channels.map((c) => c.login),
    );
  });

  test("demo mode seeds three recognisable channels of different sizes, the first being the demo user's", () => {
    const [a, b, c] = world.channels;
    expect([a!.login, b!.login, c!.login]).toEqual(['paloma_plays', 'northwind_gg', 'lumen_arcade']);
    expect(world.demoUserChannelId).toBe(a!.id);
    expect(a!.averageViewers).toBeLessThan(b!.averageViewers);
    expect(b!.averageViewers).toBeLessThan(c!.averageViewers);
  });

  test('followers grow over months, wobble by day, and can be computed for any past time', () => {
    const channel = world.channels[1]!;
    const series = [90, 60, 30, 0].map((d) => followersAt(channel, new Date(NOW - d * DAY_MS), world.seed));
    expect(series).toEqual([...series].sort((x, y) => x - y));
    expect(followersAt(channel, new Date(NOW - 90 * DAY_MS), world.seed)).toBe(series[0]);
    const subs = subscriptionsAt(channel, new Date(NOW), world.seed);
    expect(subs.points).toBe(subs.tier1 + 2 * subs.tier2 + 6 * subs.tier3);
  });

  test('streams follow a weekly schedule; a stream leaves an archive video with its stream id and clips', () => {
    const channel = world.channels[2]!;
    const sessions = sessionsBetween(channel, world.seed, NOW - 14 * DAY_MS, NOW);
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    const ended = sessions.filter((s) => s.endMs < NOW).at(-1)!;
    const archive = videosAt(channel, world.seed, NOW).find((v) => v.streamId === ended.id);
    expect(archive?.type).toBe('archive');
    const clips = clipsBetween(channel, world.seed, ended.startMs, ended.endMs, NOW);
    expect(clips.length).toBeGreaterThan(0);
    const later = clipsBetween(channel, world.seed, ended.startMs, ended.endMs, NOW + 2 * DAY_MS);
    expect(later.reduce((s, c) => s + c.viewCount, 0)).toBeGreaterThan(clips.reduce((s, c) => s + c.viewCount, 0));
  });

  test('a live session has a viewer curve and the same answer every time it is asked', () => {
    const live = world.channels.map((c) => liveSessionAt(c, world.seed, NOW)).find((s) => s !== undefined)!;
    expect(viewersAt(live, world.seed, NOW)).toBe(viewersAt(live, world.seed, NOW));
    expect(viewersAt(live, world.seed, live.startMs + 60_000)).toBeLessThan(
      viewersAt(live, world.seed, live.startMs + (live.endMs - live.startMs) / 2),
    );
  });
});
