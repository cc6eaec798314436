/**
 * A realistic, seeded event log for the projections' determinism test: several channels over a few
 * weeks, each day a collection job (requested, started — sometimes resumed —, per-channel collected
 * or failed, completed or failed) fetching profiles, follower and subscriber counts (some days
 * missed, some fetched twice, some recorded late), videos and clips whose views change, game
 * metadata; streams sampled every ten minutes with viewer counts, title and game changes, follower
 * counts fetched mid-stream, streams crossing midnight, each ended by StreamWentOffline; account
 * links and channel time zones.
 */
import {
  accountStream,
  channelStream,
  eventCatalogue,
  gameStream,
  jobStream,
  type EventType,
} from '@creatorsync/projections';
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../event-store/event-store.port.js';
import { must } from '../must.js';

export interface LoggedEvent {
  streamId: string;
  event: NewEvent;
  atMs: number;
}

const DAY = 86_400_000;
const MINUTE = 60_000;
const FIRST_DAY = Date.UTC(2026, 2, 20); // spans the EU/US daylight-saving switches
const GAMES: Array<[string, string]> = [
  ['509658', 'Just Chatting'],
  ['27471', 'Minecraft'],
  ['516575', 'VALORANT'],
  ['', ''],
];
const ZONES = ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata'];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateDeterminismLog({ channels = 12, days = 21, seed = 5 } = {}): LoggedEvent[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]) =>
    must(items[Math.floor(random() * items.length)], 'items[Math.floor(random() * items.length)]');
  const out: LoggedEvent[] = [];
  const push = (streamId: string, type: EventType, data: object, atMs: number, correlationId = 'seed') => {
    const fetchedAt = new Date(atMs).toISOString();
    out.push({
      streamId,
      atMs,
      event: {
        id: randomUUID(),
        type,
        data,
        metadata: { correlationId, source: 'simulator', schemaVersion: eventCatalogue[type].version, fetchedAt },
      },
    });
  };
  const ids = Array.from({ length: channels }, (_, i) => String(70_000 + i * 13));
  const followers = ids.map(() => 100 + Math.floor(random() * 5000));
  const videos = ids.map(
    () => [] as Array<{ id: string; views: number; created: number; type: string; streamId: string | null }>,
  );
  const clips = ids.map(() => [] as Array<{ id: string; views: number; created: number; gameId: string }>);
  const gamesSeen = new Set<string>();

  ids.forEach((id, i) => {
    const at = FIRST_DAY - DAY + i * MINUTE;
    const userId = `user_${i % 3}`;
    push(
      accountStream(userId),
      'TwitchAccountLinked',
      {
        userId,
        broadcasterId: id,
        login: `ch${id}`,
        displayName: `Ch${id}`,
        scopes: ['channel:read:subscriptions'],
        linkedAt: new Date(at).toISOString(),
      },
      at,
    );
    if (i % ZONES.length !== 0)
      push(
        accountStream(userId),
        'ChannelTimeZoneSet',
        {
          userId,
          broadcasterId: id,
          timeZone: must(ZONES[i % ZONES.length], 'ZONES[i % ZONES.length]'),
          setAt: new Date(at).toISOString(),
        },
        at + 1000,
      );
  });

  for (let day = 0; day < days; day++) {
    const dayStart = FIRST_DAY + day * DAY;
    // The daily job, from 02:00 UTC.
    const jobId = randomUUID();
    const jobAt = dayStart + 2 * 3_600_000;
    const jobIds = ids.filter(() => random() > 0.05);
    push(
      jobStream(jobId),
      'CollectionJobRequested',
      { jobId, kind: 'daily', requestedBy: null, broadcasterIds: jobIds, requestedAt: new Date(jobAt).toISOString() },
      jobAt,
      jobId,
    );
    push(
      jobStream(jobId),
      'CollectionJobStarted',
      { jobId, startedAt: new Date(jobAt + 1000).toISOString(), attempt: 1, alreadyDone: [] },
      jobAt + 1000,
      jobId,
    );
    const resumed = random() < 0.15;
    let ok = 0;
    let failed = 0;
    jobIds.forEach((id, n) => {
      const i = ids.indexOf(id);
      const at = jobAt + 2000 + n * 20_000;
      const stream = channelStream(id);
      if (resumed && n === Math.floor(jobIds.length / 2)) {
        push(
          jobStream(jobId),
          'CollectionJobStarted',
          { jobId, startedAt: new Date(at).toISOString(), attempt: 2, alreadyDone: jobIds.slice(0, n) },
          at,
          jobId,
        );
      }
      if (random() < 0.08) {
        failed++;
        push(
          jobStream(jobId),
          'ChannelCollectionFailed',
          {
            jobId,
            broadcasterId: id,
            error: 'Helix 503 after 4 attempts',
            attempts: 4,
            failedAt: new Date(at + 9000).toISOString(),
          },
          at + 9000,
          jobId,
        );
        return; // a missed day for this channel: carried forward
      }
      if ((day + i) % 5 === 0) {
        const game = pick(GAMES);
        push(
          stream,
          'ChannelProfileFetched',
          {
            broadcasterId: id,
            user: { id, login: `ch${id}`, display_name: `Ch${id}`, profile_image_url: `https://img/${id}/${day}` },
            channel: { broadcaster_id: id, game_id: game[0], game_name: game[1], title: `day ${day}` },
          },
          at,
          jobId,
        );
      }
      followers[i] = must(followers[i], 'followers[i]') + Math.floor(random() * 40) - 5;
      push(
        stream,
        'FollowerCountFetched',
        { broadcasterId: id, total: followers[i], raw: { total: followers[i], data: [] } },
        at + 1000,
        jobId,
      );
      if (i % 2 === 0)
        push(
          stream,
          'SubscriberCountFetched',
          {
            broadcasterId: id,
            total: 10 + day + i,
            points: 12 + day * 2 + i,
            raw: { total: 10 + day + i, points: 12 + day * 2 + i },
          },
          at + 2000,
          jobId,
        );
      else push(stream, 'SubscriberCountUnavailable', { broadcasterId: id, reason: 'missing_scope' }, at + 2000, jobId);
      for (const video of must(videos[i], 'videos[i]')) {
        if (random() < 0.6) {
          video.views += 1 + Math.floor(random() * 50);
          push(stream, 'VideoStatsFetched', { broadcasterId: id, video: videoObject(id, video) }, at + 3000, jobId);
        }
      }
      if (random() < 0.3) {
        const video = {
          id: String(900_000 + out.length),
          views: 0,
          created: at - DAY,
          type: pick(['highlight', 'upload']),
          streamId: null,
        };
        must(videos[i], 'videos[i]').push(video);
        push(stream, 'VideoStatsFetched', { broadcasterId: id, video: videoObject(id, video) }, at + 3000, jobId);
      }
      for (const clip of must(clips[i], 'clips[i]')) {
        if (random() < 0.5) {
          clip.views += Math.floor(random() * 20);
          push(stream, 'ClipStatsFetched', { broadcasterId: id, clip: clipObject(id, clip) }, at + 4000, jobId);
        }
      }
      push(
        jobStream(jobId),
        'ChannelCollected',
        {
          jobId,
          broadcasterId: id,
          requests: 6,
          eventsWritten: 4,
          attempts: 1,
          collectedAt: new Date(at + 5000).toISOString(),
        },
        at + 5000,
        jobId,
      );
      ok++;
    });
    const endAt = jobAt + 2000 + jobIds.length * 20_000;
    if (day === days - 1) {
      push(
        jobStream(jobId),
        'CollectionJobFailed',
        { jobId, failedAt: new Date(endAt).toISOString(), error: 'process stopped' },
        endAt,
        jobId,
      );
    } else {
      push(
        jobStream(jobId),
        'CollectionJobCompleted',
        {
          jobId,
          completedAt: new Date(endAt).toISOString(),
          channelsOk: ok,
          channelsFailed: failed,
          requests: ok * 6,
          eventsWritten: ok * 4,
        },
        endAt,
        jobId,
      );
    }

    // Streams in the evening (some cross midnight), sampled every ten minutes.
    ids.forEach((id, i) => {
      if (random() < 0.45) return;
      const stream = channelStream(id);
      const streamId = String(5_000_000 + day * 100 + i);
      const startMs = dayStart + (16 + Math.floor(random() * 7)) * 3_600_000 + Math.floor(random() * 3_600_000);
      const samples = 3 + Math.floor(random() * 30);
      let viewers = 5 + Math.floor(random() * 300);
      let game = pick(GAMES);
      let title = `stream ${day}`;
      let lastMs = startMs;
      for (let s = 0; s < samples; s++) {
        const atMs = startMs + 4 * MINUTE + s * 10 * MINUTE + Math.floor(random() * 30_000);
        viewers = Math.max(0, viewers + Math.floor(random() * 41) - 20);
        if (random() < 0.08) game = pick(GAMES);
        if (random() < 0.05) title = `${title} (part ${s})`;
        if (game[0] && !gamesSeen.has(game[0])) {
          gamesSeen.add(game[0]);
          push(
            gameStream(game[0]),
            'GameMetadataFetched',
            {
              gameId: game[0],
              game: {
                id: game[0],
                name: game[1],
                box_art_url: `https://box/${game[0]}-{width}x{height}.jpg`,
                igdb_id: '',
              },
            },
            atMs,
          );
        }
        push(
          stream,
          'LiveStreamSampled',
          {
            broadcasterId: id,
            stream: {
              id: streamId,
              user_id: id,
              viewer_count: viewers,
              started_at: new Date(startMs).toISOString().replace('.000Z', 'Z'),
              game_id: game[0],
              game_name: game[1],
              title,
              tags: ['English'],
              type: 'live',
            },
          },
          atMs,
        );
        if (random() < 0.1) {
          followers[i] = must(followers[i], 'followers[i]') + Math.floor(random() * 15);
          push(
            stream,
            'FollowerCountFetched',
            { broadcasterId: id, total: followers[i], raw: { total: followers[i], data: [] } },
            atMs + 1000,
          );
        }
        lastMs = atMs;
      }
      push(
        stream,
        'StreamWentOffline',
        {
          broadcasterId: id,
          streamId,
          startedAt: new Date(startMs).toISOString(),
          lastSampledAt: new Date(lastMs).toISOString(),
        },
        lastMs + 10 * MINUTE,
      );
      must(videos[i], 'videos[i]').push({
        id: String(800_000 + day * 100 + i),
        views: 0,
        created: startMs,
        type: 'archive',
        streamId,
      });
      if (random() < 0.5)
        must(clips[i], 'clips[i]').push({
          id: `Clip${day}x${i}`,
          views: 1,
          created: lastMs - 5 * MINUTE,
          gameId: game[0],
        });
    });
  }
  out.sort((a, b) => a.atMs - b.atMs);
  // Some follower and subscriber counts recorded late, after later days' facts (a retried job, a slow worker):
  // the projections must then correct rows written before.
  for (let n = 0; n < 16; n++) {
    const candidates = out
      .map((e, i) => [e, i] as const)
      .filter(
        ([e]) =>
          (e.event.type === 'FollowerCountFetched' || e.event.type === 'SubscriberCountFetched') &&
          e.atMs > FIRST_DAY + 2 * DAY,
      );
    const [, index] = must(
      candidates[Math.floor(random() * candidates.length)],
      'candidates[Math.floor(random() * candidates.length)]',
    );
    const [moved] = out.splice(index, 1);
    out.splice(Math.min(out.length, index + 200 + Math.floor(random() * 800)), 0, must(moved, 'moved'));
  }
  return out;
}

function videoObject(
  userId: string,
  v: { id: string; views: number; created: number; type: string; streamId: string | null },
) {
  const created = new Date(v.created).toISOString().replace('.000Z', 'Z');
  return {
    id: v.id,
    user_id: userId,
    created_at: created,
    published_at: created,
    view_count: v.views,
    type: v.type,
    duration: '1h2m3s',
    title: `video ${v.id}`,
    stream_id: v.streamId,
    url: `https://twitch.tv/videos/${v.id}`,
  };
}

function clipObject(broadcasterId: string, c: { id: string; views: number; created: number; gameId: string }) {
  return {
    id: c.id,
    broadcaster_id: broadcasterId,
    created_at: new Date(c.created).toISOString().replace('.000Z', 'Z'),
    view_count: c.views,
    game_id: c.gameId,
    title: `clip ${c.id}`,
    duration: 29.5,
  };
}

/** Appends in log order, consecutive events of one stream together (as a collection handler would). */
export async function appendLog(
  append: (streamId: string, events: NewEvent[]) => Promise<unknown>,
  log: readonly LoggedEvent[],
): Promise<void> {
  for (let i = 0; i < log.length;) {
    const streamId = must(log[i], 'log[i]').streamId;
    const events: NewEvent[] = [];
    while (i < log.length && must(log[i], 'log[i]').streamId === streamId && events.length < 10)
      events.push(must(log[i++], 'log[i++]').event);
    await append(streamId, events);
  }
}
