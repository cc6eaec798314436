/**
 * The three walks of a channel's backfill, each over Helix pages in order, recording facts as it
 * goes and its progress (the cursor to resume at) after each step that completed something:
 * - followers: the list newest first, back to `from` (see follower-day-walk.ts);
 * - videos: newest first, back to `from`; archives in range also give reconstructed sessions;
 * - clips: week-long `started_at`/`ended_at` windows from `from` to `to` (the clip search caps
 *   its results, so it is walked by time, not by one cursor).
 * A walk checks `shouldStop` before each request and returns 'stopped' (cancel, shutdown).
 */
import type { EventData } from '@creatorsync/projections';
import type { Clock } from '../../clock.js';
import type { NewEvent } from '../../event-store/event-store.port.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { contentHash } from '../facts/channel-state.js';
import { fact, utcDay, type FetchContext } from '../facts/fact.js';
import type { BackfillLedger } from './backfill-ledger.js';
import type { Progress } from './backfill-state.js';
import { FollowerDayWalk, type ReconstructedDay } from './follower-day-walk.js';
import { followersListedFact } from './followers-listed.js';
import { must } from '../../must.js';

const DAY_MS = 86_400_000;
const CLIP_WINDOW_MS = 7 * DAY_MS;
/** An archive younger than this after its end may still be growing (the stream may be live). */
const ARCHIVE_SETTLED_MS = 15 * 60_000;

export type WalkStep = Pick<
  Progress,
  'cursor' | 'skip' | 'seen' | 'totalAtFetch' | 'nextDay' | 'remainingRequests' | 'done'
> & { pages: number };

export interface WalkParts {
  helix: HelixClient;
  clock: Clock;
  ledger: Pick<BackfillLedger, 'append'>;
  jobId: string;
  broadcasterId: string;
  from: string;
  to: string;
  resume: Progress | undefined;
  /** Records progress (facts of the step are already appended). */
  record(step: WalkStep): Promise<void>;
  /** Every page, for live progress between recorded steps. */
  onPage(step: WalkStep): void;
  shouldStop(): boolean;
}

const startOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

function context(parts: WalkParts): FetchContext {
  return { correlationId: parts.jobId, source: 'backfill', fetchedAt: parts.clock.now() };
}

export async function walkFollowers(parts: WalkParts): Promise<'done' | 'stopped'> {
  const { helix, broadcasterId, from, to, resume } = parts;
  if (resume?.done) return 'done';
  let cursor = resume?.cursor ?? null;
  let skip = resume?.skip ?? 0;
  let pages = resume?.pages ?? 0;
  let walk =
    resume && resume.totalAtFetch !== null
      ? new FollowerDayWalk(from, { totalAtFetch: resume.totalAtFetch, seen: resume.seen, nextDay: resume.nextDay })
      : null;
  for (;;) {
    if (parts.shouldStop()) return 'stopped';
    const page = await helix.getFollowersPage(broadcasterId, { userId: broadcasterId }, cursor ?? undefined);
    pages += 1;
    if (!walk) {
      if (page.total > 0 && page.followers.length === 0)
        throw new Error(
          'Twitch lists no followers: the backfill needs the broadcaster token with moderator:read:followers',
        );
      walk = FollowerDayWalk.start(from, to, page.total);
    }
    const outcome = walk.addPage(page.followers.slice(skip));
    const ended = walk.done || !page.cursor;
    const days = [...outcome.days, ...(ended ? walk.finish() : [])];
    await parts.ledger.append(days.flatMap((d) => followerFacts(parts, d, must(walk, 'walk').snapshot.totalAtFetch)));
    const state = walk.snapshot;
    const remainingRequests = ended ? 0 : Math.ceil(Math.max(0, state.totalAtFetch - state.seen) / 100);
    const live = { cursor, skip: 0, ...state, remainingRequests, done: ended, pages };
    parts.onPage(live);
    if (ended) {
      await parts.record({ ...live, cursor: null, nextDay: null });
      return 'done';
    }
    if (outcome.resumeAt) {
      const { skip: at, state: then } = outcome.resumeAt;
      await parts.record({ ...live, ...then, cursor, skip: skip + at });
    }
    cursor = must(page.cursor, 'page.cursor');
    skip = 0;
  }
}

function followerFacts(parts: WalkParts, day: ReconstructedDay, totalAtFetch: number): NewEvent[] {
  const { broadcasterId } = parts;
  const facts: NewEvent[] = [
    fact(
      'FollowerCountReconstructed',
      { broadcasterId, day: day.day, followers: day.followers, totalAtFetch, reconstructed: true, lowerBound: true },
      [broadcasterId, day.day, day.followers],
      context(parts),
    ),
  ];
  if (day.listed.length > 0)
    facts.push(followersListedFact(broadcasterId, day.day, day.listed, totalAtFetch, context(parts)));
  return facts;
}

export async function walkVideos(parts: WalkParts): Promise<'done' | 'stopped'> {
  const { helix, broadcasterId, from, to, resume } = parts;
  if (resume?.done) return 'done';
  let cursor = resume?.cursor ?? null;
  let pages = resume?.pages ?? 0;
  for (;;) {
    if (parts.shouldStop()) return 'stopped';
    const page = await helix.getVideosPage(broadcasterId, cursor ?? undefined);
    pages += 1;
    const videos = page.videos as Array<EventData<'VideoStatsFetched'>['video']>;
    const inRange = videos.filter((v) => utcDay(v.created_at) >= from && utcDay(v.created_at) <= to);
    const facts = inRange.flatMap((video) => [
      fact('VideoStatsFetched', { broadcasterId, video }, ['backfill', video.id, contentHash(video)], context(parts)),
      ...sessionFacts(parts, video),
    ]);
    await parts.ledger.append(facts);
    const done = !page.cursor || videos.some((v) => utcDay(v.created_at) < from);
    const step = {
      cursor: done ? null : must(page.cursor, 'page.cursor'),
      skip: 0,
      seen: 0,
      totalAtFetch: null,
      nextDay: null,
      pages,
    };
    const live = { ...step, remainingRequests: done ? 0 : 1, done };
    parts.onPage(live);
    await parts.record(live);
    if (done) return 'done';
    cursor = must(page.cursor, 'page.cursor');
  }
}

function sessionFacts(parts: WalkParts, video: EventData<'VideoStatsFetched'>['video']): NewEvent[] {
  if (video.type !== 'archive') return [];
  const durationSeconds = parseHelixDuration(video.duration ?? '');
  const endMs = Date.parse(video.created_at) + durationSeconds * 1000;
  if (durationSeconds === 0 || endMs > parts.clock.now().getTime() - ARCHIVE_SETTLED_MS) return [];
  const streamId = video.stream_id ?? video.id;
  const data = {
    broadcasterId: parts.broadcasterId,
    streamId,
    videoId: video.id,
    startedAt: video.created_at,
    durationSeconds,
    title: video.title ?? '',
    averageViewers: null,
    peakViewers: null,
    reconstructed: true as const,
  };
  return [fact('StreamSessionReconstructed', data, [parts.broadcasterId, streamId, durationSeconds], context(parts))];
}

/** Helix's "3h2m21s" as seconds (0 when it cannot be read). */
export function parseHelixDuration(duration: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration);
  if (!match || duration === '') return 0;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

export async function walkClips(parts: WalkParts): Promise<'done' | 'stopped'> {
  const { helix, broadcasterId, from, to, resume } = parts;
  if (resume?.done) return 'done';
  const endMs = Math.min(startOf(to) + DAY_MS, parts.clock.now().getTime());
  let startMs = resume?.cursor ? Date.parse(resume.cursor) : startOf(from);
  let pages = resume?.pages ?? 0;
  while (startMs < endMs) {
    if (parts.shouldStop()) return 'stopped';
    const windowEndMs = Math.min(startMs + CLIP_WINDOW_MS, endMs);
    const clips = (await helix.getClips(broadcasterId, {
      startedAt: new Date(startMs),
      endedAt: new Date(windowEndMs),
    })) as Array<EventData<'ClipStatsFetched'>['clip']>;
    pages += 1;
    await parts.ledger.append(
      clips.map((clip) =>
        fact('ClipStatsFetched', { broadcasterId, clip }, ['backfill', clip.id, contentHash(clip)], context(parts)),
      ),
    );
    startMs = windowEndMs;
    const done = startMs >= endMs;
    const step = {
      cursor: done ? null : new Date(startMs).toISOString(),
      skip: 0,
      seen: 0,
      totalAtFetch: null,
      nextDay: null,
      pages,
      remainingRequests: Math.ceil(Math.max(0, endMs - startMs) / CLIP_WINDOW_MS),
      done,
    };
    parts.onPage(step);
    await parts.record(step);
  }
  return 'done';
}

/** Requests a walk of this kind is expected to make, for a dry run and the first ETA. */
export function estimatedRequests(
  kind: 'followers' | 'videos' | 'clips',
  range: { from: string; to: string },
  followerTotal: number,
  nowMs: number,
): number {
  const days = Math.max(1, Math.round((Math.min(startOf(range.to) + DAY_MS, nowMs) - startOf(range.from)) / DAY_MS));
  if (kind === 'followers') return Math.max(1, Math.ceil(followerTotal / 100));
  if (kind === 'clips') return Math.ceil(days / 7);
  // Videos: highlights and uploads rarely exceed 100 a year; archives are 60 days at most.
  return 1 + Math.floor(days / 365);
}
