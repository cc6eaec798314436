/**
 * From catalogue events to answers: a channel's facts are appended to the real event store as the
 * collection would record them (followers, live samples, stream end, game metadata, a video, a
 * clip), the real projections build the read tables, and the analytics endpoints are checked
 * against what the events say — not against rows written by the test.
 */
import { accountStream, channelStream, eventCatalogue, gameStream, type EventType } from '@creatorsync/projections';
import { randomUUID } from 'node:crypto';
import { startTestSystem, type TestSystem } from '../testing/start-test-system.js';
import { dayOffset } from './testing/analytics-fixture.js';
import { must } from '../must.js';
import type { OverviewResponse } from './get-overview/get-overview.response.js';
import type { ChartsResponse } from './get-charts/get-charts.response.js';
import type { DetailedResponse } from './get-detailed/get-detailed.response.js';
import type { ContentResponse } from './get-content/get-content.response.js';
import { stopIfStarted } from '../testing/clean-up.js';

const CAROL = 'carol';
const C1 = '9200001';
const GAME_A = { id: '8900001', name: 'Game A' };
const GAME_B = { id: '8900002', name: 'Game B' }; // the samples carry no name for it: only GameMetadataFetched knows it
/** [days back, views] of the long-tail clip's counts. */
const OLD_CLIP_COUNTS: Array<[number, number]> = [
  [-100, 1000],
  [-60, 2000],
  [-25, 3000],
  [-10, 3500],
  [-4, 3900],
  [-1, 4000],
];

describe('analytics from recorded events', () => {
  let system: TestSystem;
  let token: string;
  let today: string;
  const followers: Array<{ at: string; total: number }> = [];
  const samples: Array<{ at: string; viewers: number; game: typeof GAME_A; gameName: string; title: string }> = [];
  let streamStart: string;
  let lastSampledAt: string;

  const event = (type: EventType, data: object, fetchedAt: string) => ({
    id: randomUUID(),
    type,
    data,
    metadata: {
      correlationId: 'analytics-from-events',
      source: 'simulator',
      schemaVersion: eventCatalogue[type].version,
      fetchedAt,
    },
  });
  const getJson = async <T>(path: string): Promise<T> => {
    const response = await system.get(path, token);
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${path} → ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  };

  beforeAll(async () => {
    system = await startTestSystem({ DEMO_HISTORY_DAYS: '0' }, { recordDemo: false });
    today = system.parts.clock.now().toISOString().slice(0, 10);
    const store = system.parts.eventStore;
    const linkedAt = `${dayOffset(today, -20)}T09:00:00.000Z`;
    await store.append(
      accountStream(CAROL),
      [
        event(
          'TwitchAccountLinked',
          { userId: CAROL, broadcasterId: C1, login: 'carol_c', displayName: 'Carol C', scopes: [], linkedAt },
          linkedAt,
        ),
      ],
      { expectedRevision: 'any' },
    );

    for (let back = 10; back >= 1; back--)
      followers.push({
        at: `${dayOffset(today, -back)}T02:00:00.000Z`,
        total: 200 + (10 - back) * 7 + (back === 4 ? -5 : 0),
      });
    streamStart = `${dayOffset(today, -3)}T18:00:00.000Z`;
    const sample = (minutes: number, viewers: number, game: typeof GAME_A, gameName: string, title: string) =>
      samples.push({
        at: new Date(Date.parse(streamStart) + minutes * 60_000).toISOString(),
        viewers,
        game,
        gameName,
        title,
      });
    sample(5, 10, GAME_A, GAME_A.name, 'Hello, world');
    sample(35, 30, GAME_A, GAME_A.name, 'Hello, world');
    sample(65, 25, GAME_B, '', 'Part "two"');
    sample(95, 40, GAME_B, '', 'Part "two"');
    lastSampledAt = must(samples[samples.length - 1], 'samples[samples.length - 1]').at;
    const offlineAt = new Date(Date.parse(lastSampledAt) + 30 * 60_000).toISOString();

    // Fetched during the stream, unchanged since the morning: the session gained 0 followers, not "unknown".
    const morning = must(
      followers.find((f) => f.at.slice(0, 10) === streamStart.slice(0, 10)),
      'followers.find((f) => f.at.slice(0, 10) === streamStart.slice(0, 10))',
    );
    const duringStream = { at: new Date(Date.parse(streamStart) + 40 * 60_000).toISOString(), total: morning.total };
    const channelEvents = [
      event(
        'FollowerCountFetched',
        { broadcasterId: C1, total: duringStream.total, raw: { total: duringStream.total } },
        duringStream.at,
      ),
      event(
        'SubscriberCountUnavailable',
        { broadcasterId: C1, reason: 'missing_scope' },
        `${dayOffset(today, -2)}T02:00:00.000Z`,
      ),
      event(
        'SubscriberCountUnavailable',
        { broadcasterId: C1, reason: 'missing_scope' },
        `${dayOffset(today, -1)}T02:00:00.000Z`,
      ),
      ...followers.map((f) =>
        event('FollowerCountFetched', { broadcasterId: C1, total: f.total, raw: { total: f.total } }, f.at),
      ),
      ...samples.map((s) =>
        event(
          'LiveStreamSampled',
          {
            broadcasterId: C1,
            stream: {
              id: 's-carol-1',
              user_id: C1,
              viewer_count: s.viewers,
              started_at: streamStart,
              game_id: s.game.id,
              game_name: s.gameName,
              title: s.title,
              tags: [],
            },
          },
          s.at,
        ),
      ),
      event(
        'StreamWentOffline',
        { broadcasterId: C1, streamId: 's-carol-1', startedAt: streamStart, lastSampledAt },
        offlineAt,
      ),
      event(
        'VideoStatsFetched',
        {
          broadcasterId: C1,
          video: {
            id: 'v-carol-1',
            user_id: C1,
            created_at: offlineAt,
            published_at: offlineAt,
            view_count: 120,
            type: 'archive',
            duration: '1h35m0s',
            title: 'Carol VOD',
            stream_id: 's-carol-1',
          },
        },
        `${dayOffset(today, -1)}T02:00:00.000Z`,
      ),
      // A highlight created the day before the 7-day window, first counted inside it, last counted 3 days ago.
      ...[
        [-5, 400],
        [-3, 700],
      ].map(([back, views]) =>
        event(
          'VideoStatsFetched',
          {
            broadcasterId: C1,
            video: {
              id: 'v-carol-2',
              user_id: C1,
              created_at: `${dayOffset(today, -9)}T00:00:00.000Z`,
              view_count: views,
              type: 'highlight',
              title: 'Carol highlight',
            },
          },
          `${dayOffset(today, must(back, 'back'))}T00:00:00.000Z`,
        ),
      ),
      event(
        'ClipStatsFetched',
        {
          broadcasterId: C1,
          clip: {
            id: 'c-carol-1',
            broadcaster_id: C1,
            created_at: must(samples[1], 'samples[1]').at,
            view_count: 75,
            game_id: GAME_A.id,
            title: 'Carol clip',
            duration: 20,
          },
        },
        `${dayOffset(today, -1)}T02:00:00.000Z`,
      ),
      // An old clip in the long tail, counted now and then over four months (counts are kept when they change).
      ...OLD_CLIP_COUNTS.map(([back, views]) =>
        event(
          'ClipStatsFetched',
          {
            broadcasterId: C1,
            clip: {
              id: 'c-carol-old',
              broadcaster_id: C1,
              created_at: `${dayOffset(today, -120)}T12:00:00.000Z`,
              view_count: views,
              game_id: GAME_A.id,
              title: 'Carol old clip',
              duration: 30,
            },
          },
          `${dayOffset(today, back)}T03:00:00.000Z`,
        ),
      ),
    ].sort((a, b) => a.metadata.fetchedAt.localeCompare(b.metadata.fetchedAt));
    await store.append(channelStream(C1), channelEvents, { expectedRevision: 'any' });
    const gameAt = `${dayOffset(today, -2)}T02:00:00.000Z`;
    await store.append(
      gameStream(GAME_B.id),
      [
        event(
          'GameMetadataFetched',
          { gameId: GAME_B.id, game: { id: GAME_B.id, name: GAME_B.name, box_art_url: '' } },
          gameAt,
        ),
      ],
      { expectedRevision: 'any' },
    );
    await system.projectionsCaughtUp();
    token = await system.token(CAROL);
  });
  afterAll(() => stopIfStarted(system));

  it('overview: the last follower count recorded, and its change over 7 days', async () => {
    const body = await getJson<OverviewResponse>('/api/analytics/overview');
    const last = must(followers[followers.length - 1], 'followers[followers.length - 1]');
    const weekBefore = must(
      followers.filter((f) => f.at.slice(0, 10) <= dayOffset(last.at.slice(0, 10), -7)).pop(),
      'followers.filter((f) => f.at.slice(0, 10) <= dayOffset(last.at.slice(…',
    );
    expect(body.channel).toMatchObject({ id: C1, login: 'carol_c' });
    expect(body.asOf).toBe(last.at.slice(0, 10));
    expect(body.followers).toMatchObject({ current: last.total, change7d: last.total - weekBefore.total });
    expect(body.streams.current).toBe(1);
  });

  it('overview: subscribers that cannot be read say why, and since when', async () => {
    const body = await getJson<OverviewResponse>('/api/analytics/overview');
    expect(body.subscribers).toMatchObject({
      current: null,
      unavailable: { reason: 'no-scope', since: `${dayOffset(today, -2)}T02:00:00.000Z` },
    });
  });

  it('detailed: a follower total fetched during the stream and unchanged means 0 followers gained, not null', async () => {
    const { streams } = await getJson<DetailedResponse>('/api/analytics/detailed?days=30');
    expect(streams.items[0]?.followersGained).toBe(0);
  });

  it('detailed: the stream session as the samples describe it, titles and categories in order', async () => {
    const { streams } = await getJson<DetailedResponse>('/api/analytics/detailed?days=30');
    expect(streams.total).toBe(1);
    const session = must(streams.items[0], 'the stream session');
    expect(session).toMatchObject({
      id: 's-carol-1',
      startedAt: streamStart,
      endedAt: lastSampledAt,
      peakViewers: Math.max(...samples.map((s) => s.viewers)),
      titles: [...new Set(samples.map((s) => s.title))],
      categories: [
        { id: GAME_A.id, name: GAME_A.name },
        { id: GAME_B.id, name: GAME_B.name },
      ],
    });
    expect(session.durationHours).toBeCloseTo((Date.parse(lastSampledAt) - Date.parse(streamStart)) / 3_600_000, 6);
    expect(session.averageViewers * session.durationHours).toBeCloseTo(session.hoursWatched, 6);
    expect(session.averageViewers).toBeGreaterThanOrEqual(Math.min(...samples.map((s) => s.viewers)));
    expect(session.averageViewers).toBeLessThanOrEqual(Math.max(...samples.map((s) => s.viewers)));
  });

  it('charts: one stream in its week, both games among the top games, followers per day', async () => {
    const body = await getJson<ChartsResponse>('/api/analytics/charts?days=14');
    expect(body.streamFrequency.reduce((t, w) => t + w.streams, 0)).toBe(1);
    expect(body.topGames.map((g) => [g.gameId, g.gameName]).sort()).toEqual([
      [GAME_A.id, GAME_A.name],
      [GAME_B.id, GAME_B.name],
    ]);
    const byDay = new Map(followers.map((f) => [f.at.slice(0, 10), f.total]));
    expect(body.followerGrowth.map((p) => [p.day, p.followers])).toEqual([...byDay.entries()]);
  });

  it("content: the VOD and the clip, each ranked in its type; the clip's game", async () => {
    const body = await getJson<ContentResponse>('/api/analytics/content');
    expect(body.types.map((t) => [t.kind, t.count, t.totalViews])).toEqual([
      ['archive', 1, 120],
      ['clip', 2, 75 + 4000],
      ['highlight', 1, 700],
    ]);
    expect(body.games.find((g) => g.gameId === GAME_A.id)).toMatchObject({
      gameName: GAME_A.name,
      clips: 2,
      clipViews: 75 + 4000,
      streams: 1,
    });
  });

  it('content: a video created just before the window counts with an estimated start; 1d is the last day, not the last two counts', async () => {
    const highlight = (body: ContentResponse) =>
      must(
        body.types.find((t) => t.kind === 'highlight'),
        "body.types.find((t) => t.kind === 'highlight')",
      ).topByViewsGained[0];
    // 7d: the window starts 6 days ago at 00:00; 3 of the 4 days from creation to the first count (400) had passed.
    expect(highlight(await getJson<ContentResponse>('/api/analytics/content?window=7d'))).toMatchObject({
      id: 'v-carol-2',
      views: 700,
      viewsGained: 700 - 300,
      viewsGainedEstimated: true,
    });
    // Nothing was counted over the last day: the last two counts (400 → 700) are 3 days old.
    expect(highlight(await getJson<ContentResponse>('/api/analytics/content?window=1d'))).toMatchObject({
      viewsGained: 0,
      viewsGainedEstimated: false,
    });
  });

  it('content: clip growth over 7, 30 and 90 days, from the last count on or before each window start', async () => {
    const body = await getJson<ContentResponse>('/api/analytics/content');
    // The new clip (75 views, made 3 days ago) gained all its views in every window. The old clip's
    // baselines: 7 days back → the count 10 days back (3500); 30 → 60 days back (2000); 90 → 100 days back (1000).
    expect(body.clipGrowth).toEqual([
      { days: 7, viewsGained: 75 + (4000 - 3500), clipsGaining: 2, clipsUnknown: 0 },
      { days: 30, viewsGained: 75 + (4000 - 2000), clipsGaining: 2, clipsUnknown: 0 },
      { days: 90, viewsGained: 75 + (4000 - 1000), clipsGaining: 2, clipsUnknown: 0 },
    ]);
  });

  it('export: the stream with every title and category, as CSV', async () => {
    const response = await system.get('/api/analytics/export?dataset=streams&days=30', token);
    const [header, row] = (await response.text()).split('\r\n');
    expect(header).toBe(
      'stream_id,started_at,ended_at,duration_hours,average_viewers,peak_viewers,hours_watched,followers_gained,titles,categories,category_ids',
    );
    expect(row).toContain(`s-carol-1,${streamStart},${lastSampledAt},`);
    expect(row).toContain(',"Hello, world | Part ""two""",Game A | Game B,8900001 | 8900002');
  });
});
