import { followersAt, subscriptionsAt } from './channel-audience.js';
import { clipsBetween, videosAt } from './channel-media.js';
import { helixFollower } from './helix-objects.js';
import { createSimWorld, DAY_MS } from './sim-world.js';
import { liveSessionAt, sessionsBetween, viewersAt } from './stream-sessions.js';
import { must } from '../../must.js';

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
    expect([must(a, 'a').login, must(b, 'b').login, must(c, 'c').login]).toEqual([
      'paloma_plays',
      'northwind_gg',
      'lumen_arcade',
    ]);
    expect(world.demoUserChannelId).toBe(must(a, 'a').id);
    expect(must(a, 'a').averageViewers).toBeLessThan(must(b, 'b').averageViewers);
    expect(must(b, 'b').averageViewers).toBeLessThan(must(c, 'c').averageViewers);
  });

  test('followers grow over months, wobble by day, and can be computed for any past time', () => {
    const channel = must(world.channels[1], 'world.channels[1]');
    const series = [90, 60, 30, 0].map((d) => followersAt(channel, new Date(NOW - d * DAY_MS), world.seed));
    expect(series).toEqual([...series].sort((x, y) => x - y));
    expect(followersAt(channel, new Date(NOW - 90 * DAY_MS), world.seed)).toBe(series[0]);
    const subs = subscriptionsAt(channel, new Date(NOW), world.seed);
    expect(subs.points).toBe(subs.tier1 + 2 * subs.tier2 + 6 * subs.tier3);
  });

  test('streams follow a weekly schedule; a stream leaves an archive video with its stream id and clips', () => {
    const channel = must(world.channels[2], 'world.channels[2]');
    const sessions = sessionsBetween(channel, world.seed, NOW - 14 * DAY_MS, NOW);
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    const ended = must(sessions.filter((s) => s.endMs < NOW).at(-1), 'sessions.filter((s) => s.endMs < NOW).at(-1)');
    const archive = videosAt(channel, world.seed, NOW).find((v) => v.streamId === ended.id);
    expect(archive?.type).toBe('archive');
    const clips = clipsBetween(channel, world.seed, ended.startMs, ended.endMs, NOW);
    expect(clips.length).toBeGreaterThan(0);
    const later = clipsBetween(channel, world.seed, ended.startMs, ended.endMs, NOW + 2 * DAY_MS);
    expect(later.reduce((s, c) => s + c.viewCount, 0)).toBeGreaterThan(clips.reduce((s, c) => s + c.viewCount, 0));
  });

  test('a live session has a viewer curve and the same answer every time it is asked', () => {
    const live = must(
      world.channels.map((c) => liveSessionAt(c, world.seed, NOW)).find((s) => s !== undefined),
      'world.channels.map((c) => liveSessionAt(c, world.seed, NOW)).find((s)…',
    );
    expect(viewersAt(live, world.seed, NOW)).toBe(viewersAt(live, world.seed, NOW));
    expect(viewersAt(live, world.seed, live.startMs + 60_000)).toBeLessThan(
      viewersAt(live, world.seed, live.startMs + (live.endMs - live.startMs) / 2),
    );
  });
});

describe('the past the simulator still holds, for backfills', () => {
  const world = createSimWorld({ seed: 3, channelCount: 30, demo: true });
  const channel = must(world.channels[1], 'world.channels[1]');

  test('archives are kept 60 days; highlights and uploads since the channel began; nothing before it', () => {
    const videos = videosAt(channel, world.seed, NOW);
    const ageDays = (v: { createdMs: number }) => (NOW - v.createdMs) / DAY_MS;
    const archives = videos.filter((v) => v.type === 'archive');
    expect(archives.length).toBeGreaterThan(0);
    expect(Math.max(...archives.map(ageDays))).toBeLessThan(60);
    for (const type of ['highlight', 'upload'] as const)
      expect(Math.max(...videos.filter((v) => v.type === type).map(ageDays))).toBeGreaterThan(365);
    expect(Math.min(...videos.map((v) => v.session.startMs))).toBeGreaterThanOrEqual(channel.createdAt.getTime());
    expect(videos.map((v) => v.createdMs)).toEqual([...videos.map((v) => v.createdMs)].sort((a, b) => b - a));
  });

  test('clips go back to the channel creation and not before', () => {
    const created = channel.createdAt.getTime();
    expect(clipsBetween(channel, world.seed, created - 365 * DAY_MS, created, NOW)).toEqual([]);
    expect(clipsBetween(channel, world.seed, created, created + 60 * DAY_MS, NOW).length).toBeGreaterThan(0);
  });

  test('the follower list has `total` entries and followed_at is never in the future', () => {
    const total = followersAt(channel, new Date(NOW), world.seed);
    const newest = helixFollower(channel, total - 1, NOW);
    const oldest = helixFollower(channel, 0, NOW);
    expect(Date.parse(String(newest.followed_at))).toBeLessThanOrEqual(NOW);
    expect(Date.parse(String(oldest.followed_at))).toBeGreaterThanOrEqual(channel.createdAt.getTime());
    const ranks = [0, 1, Math.floor(total / 2), total - 2, total - 1];
    const times = ranks.map((r) => Date.parse(String(helixFollower(channel, r, NOW).followed_at)));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
