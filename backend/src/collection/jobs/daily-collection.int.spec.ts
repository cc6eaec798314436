/**
 * The daily collection job over 25 simulated channels, through the commands, against the Helix
 * simulator over real HTTP and the real Postgres event store. Expected events are computed from the
 * simulator's model of each channel (followers, subscribers, live sessions, videos, clips), not from
 * what the collector fetched.
 */
import {
  channelStream,
  eventCatalogue,
  gameStream,
  jobStream,
  type EventData,
  type EventType,
} from '@creatorsync/projections';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { followersAt, subscriptionsAt } from '../../twitch/simulator/channel-audience.js';
import { clipsBetween, MEDIA_HISTORY_MS, videosAt } from '../../twitch/simulator/channel-media.js';
import { TOP_CLIPS } from '../fetches/collect-top-clips.command.js';
import { liveSessionAt } from '../../twitch/simulator/stream-sessions.js';
import { CLIP_LOOKBACK_DAYS } from '../fetches/collect-clips.command.js';
import { VIDEO_LOOKBACK_DAYS } from '../fetches/collect-videos.command.js';
import { linkKindOf, RIG_START, startCollectionRig, type CollectionRig } from '../testing/collection-rig.js';
import { must } from '../../must.js';
import { dropIfCreated, stopIfStarted } from '../../testing/clean-up.js';
import { objectContaining } from '../../testing/matchers.js';

const DAY_MS = 86_400_000;

describe('daily collection job (25 simulated channels)', () => {
  let db: TestDatabase;
  let rig: CollectionRig;

  beforeAll(async () => {
    db = await createTestDatabase();
    rig = await startCollectionRig({ databaseUrl: db.url, channelCount: 25 });
  });
  afterAll(async () => {
    await stopIfStarted(rig);
    await dropIfCreated(db);
  });

  const eventsOf = async (streamId: string): Promise<RecordedEvent[]> =>
    rig.eventStore.readStream(streamId).catch(() => []);
  /** The events of one type, their data as the catalogue declares it for that type. */
  const ofType = <T extends EventType>(events: RecordedEvent[], type: T) =>
    events.filter((e): e is RecordedEvent<EventData<T>> => e.type === type);
  const runDaily = async () => {
    rig.clock.set(RIG_START);
    const job = await rig.jobs.start({
      kind: 'daily',
      requestedBy: null,
      broadcasterIds: rig.channelIds,
      source: 'scheduled',
    });
    return { jobId: job.jobId, summary: await job.finished };
  };

  let firstJob: string;
  const channelEventCounts = new Map<string, number>();

  it('records each channel as the simulator serves it', async () => {
    const { jobId, summary } = await runDaily();
    firstJob = jobId;
    expect(summary).toMatchObject({ status: 'completed', channels: 25, channelsOk: 25, channelsFailed: 0 });

    const seed = rig.sim.world.seed;
    const at = new Date(RIG_START);
    const gamesSeen = new Set<string>();
    let live = 0;
    for (const [index, channel] of rig.sim.world.channels.entries()) {
      const events = await eventsOf(channelStream(channel.id));
      channelEventCounts.set(channel.id, events.length);
      for (const event of events) {
        const metadata = event.metadata as {
          correlationId: string;
          source: string;
          schemaVersion: number;
          fetchedAt: string;
        };
        expect(metadata).toEqual({
          correlationId: jobId,
          source: 'scheduled',
          schemaVersion: eventCatalogue[event.type as EventType].version,
          fetchedAt: at.toISOString(),
        });
      }

      const [profile, ...moreProfiles] = ofType(events, 'ChannelProfileFetched');
      expect(moreProfiles).toHaveLength(0);
      expect(must(profile, 'profile').data).toMatchObject({
        broadcasterId: channel.id,
        user: { login: channel.login, display_name: channel.displayName },
        channel: { broadcaster_id: channel.id },
      });
      // The catalogue keeps Helix's channel object loosely (any field may be missing); this one names its game.
      const profileGame = must(profile, 'profile').data.channel?.game_id;
      if (typeof profileGame !== 'string') throw new Error(`the profile names no game: ${String(profileGame)}`);
      gamesSeen.add(profileGame);

      expect(ofType(events, 'FollowerCountFetched').map((e) => e.data.total)).toEqual([followersAt(channel, at, seed)]);

      const kind = linkKindOf(index, 25);
      if (kind === 'scoped-with-token') {
        const expected = subscriptionsAt(channel, at, seed);
        expect(ofType(events, 'SubscriberCountFetched').map((e) => e.data)).toEqual([
          objectContaining({ total: expected.total, points: expected.points }),
        ]);
        expect(ofType(events, 'SubscriberCountUnavailable')).toHaveLength(0);
      } else {
        expect(ofType(events, 'SubscriberCountFetched')).toHaveLength(0);
        expect(ofType(events, 'SubscriberCountUnavailable').map((e) => e.data.reason)).toEqual([
          kind === 'no-scope' ? 'missing_scope' : 'not_connected',
        ]);
      }

      const session = liveSessionAt(channel, seed, RIG_START);
      const samples = ofType(events, 'LiveStreamSampled').map((e) => e.data.stream);
      expect(samples.map((s) => s.id)).toEqual(session ? [session.id] : []);
      if (session) {
        live += 1;
        gamesSeen.add(must(must(samples[0], 'samples[0]').game_id, 'samples[0].game_id'));
      }
      expect(ofType(events, 'StreamWentOffline')).toHaveLength(0);

      const videos = videosAt(channel, seed, RIG_START).filter(
        (v) => RIG_START - v.createdMs <= VIDEO_LOOKBACK_DAYS * DAY_MS,
      );
      const recordedVideos = ofType(events, 'VideoStatsFetched').map((e) => e.data.video);
      expect(recordedVideos.map((v) => [v.id, v.view_count, v.type]).sort()).toEqual(
        videos.map((v) => [v.id, v.viewCount, v.type]).sort(),
      );

      // The recent clips (the look-back window) and the long tail (the most viewed, whatever their age).
      const recent = clipsBetween(channel, seed, RIG_START - CLIP_LOOKBACK_DAYS * DAY_MS, RIG_START, RIG_START);
      const top = clipsBetween(channel, seed, RIG_START - MEDIA_HISTORY_MS, RIG_START + 1, RIG_START).slice(
        0,
        TOP_CLIPS,
      );
      const clips = new Map([...recent, ...top].map((c) => [c.id, c]));
      const recordedClips = ofType(events, 'ClipStatsFetched').map((e) => e.data.clip);
      expect(recordedClips.map((c) => [c.id, c.view_count]).sort()).toEqual(
        [...clips.values()].map((c) => [c.id, c.viewCount]).sort(),
      );
      // Every check is recorded, even one that found nothing: the next run knows what it last checked.
      expect(
        ofType(events, 'ChannelMediaChecked')
          .map((e) => e.data.media)
          .sort(),
      ).toEqual(['recent-clips', 'top-clips', 'videos']);
      recordedClips.forEach((c) => gamesSeen.add(must(c.game_id, `clip ${c.id}'s game_id`)));
    }
    expect(live).toBeGreaterThan(0); // the chosen evening has live channels, so samples are really checked

    gamesSeen.delete('');
    for (const gameId of gamesSeen) {
      const games = await eventsOf(gameStream(gameId));
      expect(games.map((e) => e.data)).toEqual([objectContaining({ gameId, game: objectContaining({ id: gameId }) })]);
    }

    const job = await eventsOf(jobStream(jobId));
    expect(job.map((e) => e.type).filter((t) => t !== 'ChannelCollected')).toEqual([
      'CollectionJobRequested',
      'CollectionJobStarted',
      'CollectionJobCompleted',
    ]);
    const collected = ofType(job, 'ChannelCollected').map((e) => e.data);
    expect(collected.map((c) => c.broadcasterId).sort()).toEqual([...rig.channelIds].sort());
    // Each channel's count holds its own events plus the games it was the first to see.
    const gameEvents = (await rig.eventStore.readAll({ filter: { streamPrefixes: ['twitch-game-'] } })).length;
    expect(gameEvents).toBe(gamesSeen.size);
    expect(collected.reduce((sum, c) => sum + c.eventsWritten, 0)).toBe(
      [...channelEventCounts.values()].reduce((a, b) => a + b, 0) + gameEvents,
    );
    for (const c of collected)
      expect(c.eventsWritten).toBeGreaterThanOrEqual(
        must(channelEventCounts.get(c.broadcasterId), 'channelEventCounts.get(c.broadcasterId)'),
      );
    const completed = must(ofType(job, 'CollectionJobCompleted')[0], "ofType(job, 'CollectionJobCompleted')[0]").data;
    expect(completed.channelsOk).toBe(25);
    // Every Helix request the job sent is in its total (the simulator counts what it received).
    expect(completed.requests).toBe(
      rig.sim.requests.filter((r) => r.endpoint.startsWith('/') && !r.endpoint.startsWith('/oauth2')).length,
    );
  });

  it('a second identical run records no duplicate, and its job says it wrote nothing', async () => {
    const before = await rig.eventStore.readAll({ filter: { streamPrefixes: ['twitch-'] } });
    const { jobId, summary } = await runDaily();
    expect(jobId).not.toBe(firstJob);
    expect(summary).toMatchObject({ status: 'completed', channelsOk: 25, eventsWritten: 0 });
    const after = await rig.eventStore.readAll({ filter: { streamPrefixes: ['twitch-'] } });
    expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
    const collected = ofType(await eventsOf(jobStream(jobId)), 'ChannelCollected');
    expect(collected.map((e) => e.data.eventsWritten)).toEqual(new Array(25).fill(0));
  });

  it('a day later records the new day: snapshots again, changed videos and clips only, and the end of streams that went offline', async () => {
    const nextDay = RIG_START + DAY_MS + 3 * 3_600_000; // Wednesday 23:00
    rig.clock.set(nextDay);
    const job = await rig.jobs.start({
      kind: 'daily',
      requestedBy: null,
      broadcasterIds: rig.channelIds,
      source: 'scheduled',
    });
    expect(await job.finished).toMatchObject({ status: 'completed', channelsOk: 25 });
    const seed = rig.sim.world.seed;
    for (const channel of rig.sim.world.channels) {
      const events = await eventsOf(channelStream(channel.id));
      const fresh = events.filter((e) => (e.metadata as { correlationId: string }).correlationId === job.jobId);
      expect(ofType(fresh, 'FollowerCountFetched')).toHaveLength(1);
      const wasLive = liveSessionAt(channel, seed, RIG_START);
      const isLive = liveSessionAt(channel, seed, nextDay);
      const ended = ofType(fresh, 'StreamWentOffline').map((e) => e.data);
      expect(ended).toEqual(
        wasLive && wasLive.id !== isLive?.id
          ? [objectContaining({ streamId: wasLive.id, lastSampledAt: new Date(RIG_START).toISOString() })]
          : [],
      );
      // A video is recorded again only when it changed: never twice with the same content.
      const seen = new Set(ofType(events, 'VideoStatsFetched').map((e) => JSON.stringify(e.data)));
      expect(seen.size).toBe(ofType(events, 'VideoStatsFetched').length);
    }
  });
  it('the clip long tail keeps growing in the log: top clips past the look-back are re-read and recorded with their new views', async () => {
    // A week on (every check is then due: the weekly turn, at the latest 8 days): the most viewed clips
    // are read again, whatever their age, and those whose views grew are recorded again.
    const later = RIG_START + 8 * DAY_MS;
    rig.clock.set(later);
    const job = await rig.jobs.start({
      kind: 'daily',
      requestedBy: null,
      broadcasterIds: rig.channelIds,
      source: 'scheduled',
    });
    expect(await job.finished).toMatchObject({ status: 'completed', channelsOk: 25 });
    const seed = rig.sim.world.seed;
    let grownTailClips = 0;
    for (const channel of rig.sim.world.channels) {
      const events = await eventsOf(channelStream(channel.id));
      const fresh = events.filter((e) => (e.metadata as { correlationId: string }).correlationId === job.jobId);
      const recordedNow = new Map(
        ofType(fresh, 'ClipStatsFetched')
          .map((e) => e.data.clip)
          .map((c) => [c.id, c]),
      );
      const top = clipsBetween(channel, seed, later - MEDIA_HISTORY_MS, later + 1, later).slice(0, TOP_CLIPS);
      for (const clip of top) {
        const before = ofType(events, 'ClipStatsFetched')
          .filter((e) => (e.metadata as { correlationId: string }).correlationId !== job.jobId)
          .map((e) => e.data.clip)
          .filter((c) => c.id === clip.id)
          .at(-1);
        // Recorded now exactly when it is new to the log or its views changed, with today's views.
        if (before === undefined || before.view_count !== clip.viewCount)
          expect(recordedNow.get(clip.id)?.view_count).toBe(clip.viewCount);
        else expect(recordedNow.has(clip.id)).toBe(false);
        const pastLookback = later - clip.createdMs > CLIP_LOOKBACK_DAYS * DAY_MS;
        if (before !== undefined && pastLookback && clip.viewCount > before.view_count) grownTailClips += 1;
      }
    }
    // Clips made more than the look-back ago gained views and the log shows it (they froze before).
    expect(grownTailClips).toBeGreaterThan(0);
  });
});
