/**
 * A realistic event log for the rebuild benchmark, appended in the order collection would have:
 * every day a scheduled job (requested, started, one result per channel, completed) fetches each
 * channel's followers, subscribers (connected channels), profile (weekly), and the videos and clips
 * whose view counts changed; hourly live polls sample every live channel every 10 minutes (viewers,
 * game and title changes) until the stream goes offline, which leaves an archive video and some
 * clips; games are fetched when first seen and weekly; accounts link, unlink and set a time zone.
 * Only catalogue event types, valid against their schemas. Seeded, so runs compare.
 */
import {
  accountStream,
  channelStream,
  eventCatalogue,
  gameStream,
  jobStream,
  type EventMetadata,
  type EventType,
  type JobKind,
} from '@creatorsync/projections';
import {
  GAMES,
  SCOPES,
  TIME_ZONES,
  helixChannel,
  helixClip,
  helixDuration,
  helixGame,
  helixStream,
  helixUser,
  helixVideo,
  makeChannels,
} from './rebuild-generate-helix.js';
import type { Stream } from './rebuild-generate-model.js';
import { must } from '../must.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const FIRST_DAY_MS = Date.UTC(2025, 0, 1);
const SAMPLE_EVERY_MS = 10 * MINUTE_MS;
/** Videos and clips are refetched while younger than this. */
const TRACKED_DAYS = 30;
/** With the default mix, about this many events per channel per day (sizes the log to a year for the default channels). */
export const EVENTS_PER_CHANNEL_DAY = 13;

export interface GeneratedEvent {
  streamId: string;
  id: string;
  type: EventType;
  /** JSON text: serialised once here, inserted as json by the loader. */
  data: string;
  metadata: string;
  fetchedAt: string;
}

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Timed = GeneratedEvent & { at: number };

let uuidRandom: () => number = Math.random;
/** A UUID (version 4 layout) from the seeded generator, so the same seed gives the same log. */
function randomUUID(): string {
  const hex = (digits: number) =>
    Math.floor(uuidRandom() * 16 ** digits)
      .toString(16)
      .padStart(digits, '0');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(uuidRandom() * 4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
}

function event(
  streamId: string,
  type: EventType,
  data: object,
  correlationId: string,
  source: EventMetadata['source'],
  atMs: number,
): Timed {
  const fetchedAt = new Date(atMs).toISOString();
  const metadata: EventMetadata = { correlationId, source, schemaVersion: eventCatalogue[type].version, fetchedAt };
  return {
    streamId,
    id: randomUUID(),
    type,
    data: JSON.stringify(data),
    metadata: JSON.stringify(metadata),
    fetchedAt,
    at: atMs,
  };
}

/** Yields exactly `total` events over as many days as that takes for `channelCount` channels, in append order. */
export function* generateEvents(total: number, channelCount: number, seed = 1): Generator<GeneratedEvent> {
  const random = prng(seed);
  uuidRandom = prng(seed + 1);
  const pick = <T>(items: readonly T[]) =>
    must(items[Math.floor(random() * items.length)], 'items[Math.floor(random() * items.length)]');
  const days = Math.ceil(total / (channelCount * EVENTS_PER_CHANNEL_DAY));
  const channels = makeChannels(channelCount, days, random);
  const seenGames = new Set<string>();
  let produced = 0;
  for (let day = 0; ; day++) {
    const dayMs = FIRST_DAY_MS + day * DAY_MS;
    const out: Timed[] = [];
    const job = (
      kind: JobKind,
      atMs: number,
      ids: string[],
      perChannel: (jobId: string) => void,
      durationMs: number,
    ) => {
      const jobId = randomUUID();
      const at = (ms: number) => new Date(ms).toISOString();
      out.push(
        event(
          jobStream(jobId),
          'CollectionJobRequested',
          { jobId, kind, requestedBy: null, broadcasterIds: ids, requestedAt: at(atMs) },
          jobId,
          'scheduled',
          atMs,
        ),
      );
      out.push(
        event(
          jobStream(jobId),
          'CollectionJobStarted',
          { jobId, startedAt: at(atMs + 50), attempt: 1, alreadyDone: [] },
          jobId,
          'scheduled',
          atMs + 50,
        ),
      );
      perChannel(jobId);
      const end = atMs + durationMs;
      out.push(
        event(
          jobStream(jobId),
          'CollectionJobCompleted',
          {
            jobId,
            completedAt: at(end),
            channelsOk: ids.length,
            channelsFailed: 0,
            requests: ids.length * 5,
            eventsWritten: ids.length * 3,
          },
          jobId,
          'scheduled',
          end,
        ),
      );
    };

    // The daily job walks the channels over about an hour from 06:00 UTC.
    job(
      'daily',
      dayMs + 6 * 3_600_000,
      channels.map((c) => c.id),
      (jobId) => {
        for (const [index, c] of channels.entries()) {
          const t0 = dayMs + 6 * 3_600_000 + 1000 + index * 1500;
          const fetched = (type: EventType, data: object, offset: number) =>
            out.push(event(channelStream(c.id), type, data, jobId, 'scheduled', t0 + offset));
          if (random() < 0.02) {
            out.push(
              event(
                jobStream(jobId),
                'ChannelCollectionFailed',
                {
                  jobId,
                  broadcasterId: c.id,
                  error: 'Helix answered 503 three times',
                  attempts: 3,
                  failedAt: new Date(t0 + 900).toISOString(),
                },
                jobId,
                'scheduled',
                t0 + 900,
              ),
            );
            continue;
          }
          if ((day + c.profileOffset) % 7 === 0) {
            if (random() < 0.2) c.game = pick(GAMES);
            fetched(
              'ChannelProfileFetched',
              {
                broadcasterId: c.id,
                user: helixUser(c),
                channel: helixChannel(c, `${c.game.name} all day | !discord | day ${day}`),
              },
              0,
            );
          }
          c.followers = Math.max(
            0,
            Math.round(c.followers * (1 + c.growth * (0.5 + random())) + (random() < 0.5 ? 1 : 0)),
          );
          fetched(
            'FollowerCountFetched',
            { broadcasterId: c.id, total: c.followers, raw: { total: c.followers, data: [] } },
            100,
          );
          const connected = day >= c.linkDay && c.linkDay >= 0 && (c.unlinkDay < 0 || day < c.unlinkDay);
          if (connected) {
            c.subscribers = Math.max(0, c.subscribers + Math.round((random() - 0.45) * 3));
            const points = c.subscribers + Math.floor(c.subscribers / 10) * 2;
            fetched(
              'SubscriberCountFetched',
              { broadcasterId: c.id, total: c.subscribers, points, raw: { total: c.subscribers, points } },
              200,
            );
          }
          let written = 1;
          // Videos and clips: new ones, and those whose view count changed since yesterday.
          c.videos = c.videos.filter((v) => day - v.day <= TRACKED_DAYS);
          for (const v of c.videos) {
            const isNew = v.day === day;
            if (!isNew && random() > 0.2) continue;
            if (!isNew) v.views += 1 + Math.floor(random() * c.viewers * 0.3);
            fetched('VideoStatsFetched', { broadcasterId: c.id, video: helixVideo(c, v) }, 300 + written++);
          }
          c.clips = c.clips.filter((clip) => day - clip.day <= TRACKED_DAYS);
          for (const clip of c.clips) {
            const isNew = clip.day === day;
            if (!isNew && random() > 0.12) continue;
            if (!isNew) clip.views += 1 + Math.floor(random() * 20);
            fetched('ClipStatsFetched', { broadcasterId: c.id, clip: helixClip(c, clip) }, 600 + written++);
          }
          out.push(
            event(
              jobStream(jobId),
              'ChannelCollected',
              {
                jobId,
                broadcasterId: c.id,
                requests: 4 + written,
                eventsWritten: written + 1,
                attempts: 1,
                collectedAt: new Date(t0 + 1000).toISOString(),
              },
              jobId,
              'scheduled',
              t0 + 1000,
            ),
          );
        }
      },
      channels.length * 1500 + 5000,
    );

    // Games: metadata for every known game once a week (new ones when first seen, below).
    if (day % 7 === 3)
      for (const g of GAMES.filter((g) => seenGames.has(g.id)))
        out.push(
          event(
            gameStream(g.id),
            'GameMetadataFetched',
            { gameId: g.id, game: helixGame(g) },
            randomUUID(),
            'scheduled',
            dayMs + 5 * 3_600_000,
          ),
        );

    // Accounts.
    for (const c of channels) {
      const at = dayMs + 9 * 3_600_000 + Math.floor(random() * 3_600_000);
      if (day === c.linkDay)
        out.push(
          event(
            accountStream(c.userId),
            'TwitchAccountLinked',
            {
              userId: c.userId,
              broadcasterId: c.id,
              login: c.login,
              displayName: c.displayName,
              scopes: SCOPES.slice(0, 1 + Math.floor(random() * 3)),
              linkedAt: new Date(at).toISOString(),
            },
            randomUUID(),
            'manual',
            at,
          ),
        );
      if (day === c.timeZoneDay)
        out.push(
          event(
            accountStream(c.userId),
            'ChannelTimeZoneSet',
            {
              userId: c.userId,
              broadcasterId: c.id,
              timeZone: pick(TIME_ZONES),
              setAt: new Date(at + 60_000).toISOString(),
            },
            randomUUID(),
            'manual',
            at + 60_000,
          ),
        );
      if (day === c.unlinkDay)
        out.push(
          event(
            accountStream(c.userId),
            'TwitchAccountUnlinked',
            { userId: c.userId, broadcasterId: c.id, unlinkedAt: new Date(at).toISOString() },
            randomUUID(),
            'manual',
            at,
          ),
        );
    }

    // Streams: sampled every 10 minutes by the live poll; they end before the next daily job.
    const pollJobs = new Map<number, string>();
    const pollJob = (atMs: number) => {
      const hour = Math.floor(atMs / 3_600_000);
      let jobId = pollJobs.get(hour);
      if (!jobId) {
        const start = hour * 3_600_000;
        job('live_poll', start, [], (id) => (jobId = id), 3_600_000 - 1000);
        pollJobs.set(hour, must(jobId, 'jobId'));
      }
      return must(jobId, 'jobId');
    };
    for (const c of channels) {
      if (random() > c.streamRate) continue;
      const startMs = dayMs + (c.usualStartHour + random() * 2) * 3_600_000;
      const lengthMs = Math.min((1.5 + random() * 4.5) * 3_600_000, dayMs + DAY_MS + 5 * 3_600_000 - startMs);
      const stream: Stream = {
        id: `${300_000 + day}${c.id}`,
        startedAt: new Date(startMs).toISOString(),
        game: c.game,
        title: `${c.game.name} with chat! stream #${++c.streamCount}`,
      };
      let lastSample = startMs;
      for (
        let t = startMs + 60_000 + Math.floor(random() * SAMPLE_EVERY_MS);
        t < startMs + lengthMs;
        t += SAMPLE_EVERY_MS
      ) {
        if (random() < 0.02) stream.game = pick(GAMES);
        if (random() < 0.01)
          stream.title = `${stream.game.name}: ${pick(['ranked grind', 'viewer games', 'chill', 'road to 1k'])} #${c.streamCount}`;
        if (!seenGames.has(stream.game.id)) {
          seenGames.add(stream.game.id);
          out.push(
            event(
              gameStream(stream.game.id),
              'GameMetadataFetched',
              { gameId: stream.game.id, game: helixGame(stream.game) },
              randomUUID(),
              'scheduled',
              t + 500,
            ),
          );
        }
        const ramp = Math.min(1, (t - startMs) / 3_600_000 + 0.3);
        const viewers = Math.max(0, Math.round(c.viewers * ramp * (0.8 + random() * 0.4)));
        out.push(
          event(
            channelStream(c.id),
            'LiveStreamSampled',
            { broadcasterId: c.id, stream: helixStream(c, stream, viewers) },
            pollJob(t),
            'scheduled',
            t,
          ),
        );
        lastSample = t;
      }
      const offlineAt = lastSample + SAMPLE_EVERY_MS;
      out.push(
        event(
          channelStream(c.id),
          'StreamWentOffline',
          {
            broadcasterId: c.id,
            streamId: stream.id,
            startedAt: stream.startedAt,
            lastSampledAt: new Date(lastSample).toISOString(),
          },
          pollJob(offlineAt),
          'scheduled',
          offlineAt,
        ),
      );
      // Tomorrow's daily job finds the archive, and the clips viewers made.
      const duration = Math.round((offlineAt - startMs) / 1000);
      c.videos.push({
        id: `v${stream.id}`,
        streamId: stream.id,
        type: random() < 0.9 ? 'archive' : 'highlight',
        title: stream.title,
        createdAt: stream.startedAt,
        duration: helixDuration(duration),
        views: Math.round(c.viewers * (1 + random())),
        day: day + 1,
      });
      for (let k = Math.floor(random() * 3); k > 0; k--) {
        c.clips.push({
          id: `Clip${stream.id}x${k}`,
          videoId: `v${stream.id}`,
          gameId: stream.game.id,
          title: `${c.displayName} clip ${k}`,
          createdAt: new Date(startMs + random() * (offlineAt - startMs)).toISOString(),
          duration: 10 + Math.round(random() * 50),
          views: 1 + Math.floor(random() * 50),
          day: day + 1,
        });
      }
    }

    out.sort((a, b) => a.at - b.at);
    for (const { at: _at, ...e } of out) {
      yield e;
      if (++produced >= total) return;
    }
  }
}
