/**
 * Videos and clips of a simulated channel: each stream leaves an archive (VOD) linked by
 * stream_id, kept 60 days; sometimes a highlight or an upload (an edited cut), kept indefinitely;
 * and clips made during the stream, kept indefinitely, whose views grow with time (with a long tail). Nothing exists
 * before the channel was created.
 */
import { CLIP_WORDS } from './sim-catalog.js';
import { boundedMemo } from './memo.js';
import { hash32, intBetween, pick, unit } from './prng.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, type SimChannel } from './sim-world.js';
import { peakViewers, segmentAt, sessionsBetween, type StreamSession } from './stream-sessions.js';

/** Twitch keeps a partner's VODs 60 days; highlights and uploads stay. */
const ARCHIVE_RETENTION_MS = 60 * DAY_MS;
/** How far back a clip search without started_at looks. */
export const MEDIA_HISTORY_MS = 120 * DAY_MS;

export interface SimVideo {
  id: string;
  type: 'archive' | 'highlight' | 'upload';
  session: StreamSession;
  streamId: string | null;
  createdMs: number;
  durationSeconds: number;
  viewCount: number;
  mutedSegments: Array<{ duration: number; offset: number }> | null;
}

/** What a clip is, regardless of when it is looked at. */
interface ClipFacts {
  id: string;
  session: StreamSession;
  videoId: string;
  gameId: string;
  createdMs: number;
  durationSeconds: number;
  finalViews: number;
  creatorId: string;
  creatorName: string;
  isFeatured: boolean;
}

export interface SimClip {
  id: string;
  session: StreamSession;
  videoId: string;
  gameId: string;
  createdMs: number;
  durationSeconds: number;
  viewCount: number;
  /** Null for the first minutes after creation, as on Twitch. */
  vodOffset: number | null;
  creatorId: string;
  creatorName: string;
  isFeatured: boolean;
}

function grownViews(finalViews: number, sinceMs: number, halfLifeMs: number): number {
  return sinceMs <= 0 ? 0 : Math.round(finalViews * (1 - Math.exp(-sinceMs / halfLifeMs)));
}

export function archiveIdOf(session: StreamSession, seed: number): string {
  return String(1_000_000_000 + (hash32(seed, session.id, 'vod') % 1_000_000_000));
}

/** Videos that exist at `nowMs`, newest first (Helix's default `sort=time`). */
export function videosAt(channel: SimChannel, seed: number, nowMs: number): SimVideo[] {
  const videos: SimVideo[] = [];
  // Highlights and uploads stay forever, so every session since the channel's creation counts.
  for (const session of sessionsBetween(channel, seed, channel.createdAt.getTime(), nowMs + 1)) {
    if (session.startMs > nowMs) continue;
    const endedOrNow = Math.min(session.endMs, nowMs);
    const finalViews = Math.round(peakViewers(session) * (0.4 + unit(seed, session.id, 'vodviews')));
    // The archive exists from the moment the stream starts and grows while it runs.
    if (nowMs - session.startMs < ARCHIVE_RETENTION_MS) {
      videos.push({
        id: archiveIdOf(session, seed),
        type: 'archive',
        session,
        streamId: session.id,
        createdMs: session.startMs,
        durationSeconds: Math.round((endedOrNow - session.startMs) / 1000),
        viewCount: grownViews(finalViews, nowMs - session.startMs, 2 * DAY_MS),
        mutedSegments:
          unit(seed, session.id, 'muted') < 0.2
            ? [{ duration: 30, offset: intBetween(60, 3_600, seed, session.id, 'mo') }]
            : null,
      });
    }
    const highlightAtMs = session.endMs + 2 * HOUR_MS;
    if (unit(seed, session.id, 'highlight') < 0.25 && highlightAtMs <= nowMs) {
      videos.push({
        id: String(1_000_000_000 + (hash32(seed, session.id, 'hl') % 1_000_000_000)),
        type: 'highlight',
        session,
        streamId: null,
        createdMs: highlightAtMs,
        durationSeconds: intBetween(90, 900, seed, session.id, 'hllen'),
        viewCount: grownViews(Math.round(finalViews / 3), nowMs - highlightAtMs, 3 * DAY_MS),
        mutedSegments: null,
      });
    }
    const uploadAtMs = session.endMs + DAY_MS;
    if (unit(seed, session.id, 'upload') < 0.08 && uploadAtMs <= nowMs) {
      videos.push({
        id: String(1_000_000_000 + (hash32(seed, session.id, 'up') % 1_000_000_000)),
        type: 'upload',
        session,
        streamId: null,
        createdMs: uploadAtMs,
        durationSeconds: intBetween(600, 3_600, seed, session.id, 'uplen'),
        viewCount: grownViews(Math.round(finalViews / 2), nowMs - uploadAtMs, 5 * DAY_MS),
        mutedSegments: null,
      });
    }
  }
  videos.forEach((v) => videoOwners.set(`${seed}:${v.id}`, channel.id));
  return videos.sort((a, b) => b.createdMs - a.createdMs);
}

function clipCount(session: StreamSession): number {
  return Math.round(Math.pow(session.channel.averageViewers, 0.6) * session.dayFactor * 0.8);
}

const clipMemo = boundedMemo<ClipFacts[]>(20_000);
const videoOwners = new Map<string, string>();

/** Which channel owns a video id the simulator has handed out (ids are opaque hashes). */
export function videoOwner(seed: number, videoId: string): string | undefined {
  return videoOwners.get(`${seed}:${videoId}`);
}

function clipFactsOf(session: StreamSession, seed: number): ClipFacts[] {
  return clipMemo(`${seed}:${session.id}`, () =>
    Array.from({ length: clipCount(session) }, (_, i) => computeClipFacts(session, seed, i)),
  );
}

function computeClipFacts(session: StreamSession, seed: number, index: number): ClipFacts {
  const key = `${session.id}:${index}`;
  const createdMs =
    session.startMs + Math.round((0.02 + 0.96 * unit(seed, key, 't')) * (session.endMs - session.startMs));
  const words = [0, 1, 2, 3].map((w) => pick(CLIP_WORDS, seed, key, 'w', w)).join('');
  const durationSeconds = Math.round(50 + unit(seed, key, 'len') * 550) / 10;
  return {
    id: `${words}-${hash32(seed, key).toString(36)}`,
    session,
    videoId: archiveIdOf(session, seed),
    gameId: segmentAt(session, createdMs).gameId,
    createdMs,
    durationSeconds,
    finalViews: 1 + Math.round(session.channel.averageViewers * 0.5 * Math.pow(unit(seed, key, 'pop'), 4)),
    creatorId: String(500_000_000 + (hash32(seed, key, 'creator') % 100_000_000)),
    creatorName: `${pick(CLIP_WORDS, seed, key, 'cn')}Viewer${hash32(seed, key, 'cn') % 1000}`,
    isFeatured: unit(seed, key, 'featured') < 0.05,
  };
}

/**
 * A clip's views: most come in its first day (12-hour half-life), and a long tail keeps coming
 * for weeks (a quarter of them, 20-day half-life), as on Twitch, where a clip shared later goes on
 * gaining views long after the stream.
 */
function clipViews(finalViews: number, sinceMs: number): number {
  const early = Math.round(finalViews * 0.75);
  return grownViews(early, sinceMs, 12 * HOUR_MS) + grownViews(finalViews - early, sinceMs, 20 * DAY_MS);
}

function clipAt({ finalViews, ...facts }: ClipFacts, nowMs: number): SimClip {
  const sinceMs = nowMs - facts.createdMs;
  return {
    ...facts,
    viewCount: clipViews(finalViews, sinceMs),
    vodOffset:
      sinceMs < 5 * MINUTE_MS
        ? null
        : Math.max(0, Math.round((facts.createdMs - facts.session.startMs) / 1000 - facts.durationSeconds)),
  };
}

/** Clips created in [fromMs, toMs) that exist at `nowMs`, most viewed first (Helix's order). */
export function clipsBetween(
  channel: SimChannel,
  seed: number,
  fromMs: number,
  toMs: number,
  nowMs: number,
): SimClip[] {
  const upToMs = Math.min(toMs, nowMs + 1);
  const clips: SimClip[] = [];
  for (const session of sessionsBetween(channel, seed, fromMs, upToMs)) {
    for (const facts of clipFactsOf(session, seed)) {
      if (facts.createdMs >= fromMs && facts.createdMs < upToMs) clips.push(clipAt(facts, nowMs));
    }
  }
  return clips.sort((a, b) => b.viewCount - a.viewCount || (a.id < b.id ? -1 : 1));
}

/** Helix's "3m21s" duration format. */
export function helixDuration(totalSeconds: number): string {
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`;
}
