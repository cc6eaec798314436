/**
 * The decisions of the collection commands, as pure functions: what Twitch returned plus what the
 * channel's stream already holds becomes the events to append.
 *
 * - Snapshots (profile, follower total, subscriber total or its unavailability) are recorded when
 *   they differ from the last recorded one, and at least once per UTC day (daily history); the
 *   follower total once per 10 minutes even unchanged, so each observation is known.
 * - Live samples are recorded one per stream and minute; a stream the last sample saw live that is
 *   now gone (offline, or replaced by a new stream) gets its StreamWentOffline.
 * - Videos, clips and games are recorded when new or when anything in them changed.
 *
 * Ids are UUID v5 over what identifies the fact and the state it was decided on (never over the
 * job), so a retried job or an overlapping run produces the same ids and records nothing twice,
 * while a value that changes back later is still a new fact with an id of its own.
 */
import type { EventData, EventMetadata } from '@creatorsync/projections';
import type { NewEvent } from '../../event-store/event-store.port.js';
import {
  contentHash,
  snapshotContent,
  type ChannelState,
  type MediaCheck,
  type SnapshotKind,
} from './channel-state.js';
import { fact, snapshotSlot, utcMinute, type FetchContext } from './fact.js';
import { CLIP_LOOKBACK_DAYS, DAY_MS } from './lookback.js';

type Fact = NewEvent<unknown, EventMetadata>;

function snapshotFact<
  T extends 'ChannelProfileFetched' | 'FollowerCountFetched' | 'SubscriberCountFetched' | 'SubscriberCountUnavailable',
>(
  state: ChannelState,
  kind: SnapshotKind,
  type: T,
  data: EventData<T> & { broadcasterId: string },
  context: FetchContext,
): Fact[] {
  const hash = contentHash(snapshotContent(type, data));
  const slot = snapshotSlot(kind, context.fetchedAt);
  const last = state.snapshots[kind];
  if (last && last.contentHash === hash && last.slot === slot) return [];
  // The previous snapshot is part of the id: a value that comes back (100 → 101 → 100 in a day) is
  // a new fact, while a retry, deciding on the same state, produces the same id.
  return [fact(type, data, [data.broadcasterId, slot, hash, last?.contentHash ?? '', last?.slot ?? ''], context)];
}

export function profileFacts(
  state: ChannelState,
  data: EventData<'ChannelProfileFetched'>,
  context: FetchContext,
): Fact[] {
  return snapshotFact(state, 'ChannelProfileFetched', 'ChannelProfileFetched', data, context);
}

export function followerFacts(
  state: ChannelState,
  broadcasterId: string,
  fetched: { total: number; raw: Record<string, unknown> },
  context: FetchContext,
): Fact[] {
  const data = { broadcasterId, total: fetched.total, raw: { ...fetched.raw, total: fetched.total } };
  return snapshotFact(state, 'FollowerCountFetched', 'FollowerCountFetched', data, context);
}

export type SubscriberFetch =
  | { kind: 'fetched'; total: number; points: number; raw: Record<string, unknown> }
  | { kind: 'unavailable'; reason: EventData<'SubscriberCountUnavailable'>['reason'] };

export function subscriberFacts(
  state: ChannelState,
  broadcasterId: string,
  fetched: SubscriberFetch,
  context: FetchContext,
): Fact[] {
  if (fetched.kind === 'unavailable') {
    return snapshotFact(
      state,
      'SubscriberCount',
      'SubscriberCountUnavailable',
      { broadcasterId, reason: fetched.reason },
      context,
    );
  }
  const data = {
    broadcasterId,
    total: fetched.total,
    points: fetched.points,
    raw: { ...fetched.raw, total: fetched.total, points: fetched.points },
  };
  return snapshotFact(state, 'SubscriberCount', 'SubscriberCountFetched', data, context);
}

/** `stream` is the channel's entry in GET /streams, or undefined when the channel is offline. */
export function liveSampleFacts(
  state: ChannelState,
  broadcasterId: string,
  stream: EventData<'LiveStreamSampled'>['stream'] | undefined,
  context: FetchContext,
): Fact[] {
  const facts: Fact[] = [];
  const open = state.liveStream;
  if (open && open.streamId !== stream?.id) {
    const data = {
      broadcasterId,
      streamId: open.streamId,
      startedAt: open.startedAt,
      lastSampledAt: open.lastSampledAt,
    };
    facts.push(fact('StreamWentOffline', data, [broadcasterId, open.streamId, open.lastSampledAt], context));
  }
  const minute = utcMinute(context.fetchedAt);
  const sampledThisMinute =
    open?.streamId === stream?.id && open !== null && utcMinute(new Date(open.lastSampledAt)) === minute;
  if (stream && !sampledThisMinute)
    facts.push(fact('LiveStreamSampled', { broadcasterId, stream }, [broadcasterId, stream.id, minute], context));
  return facts;
}

export function videoFacts(
  state: ChannelState,
  broadcasterId: string,
  videos: Array<EventData<'VideoStatsFetched'>['video']>,
  context: FetchContext,
): Fact[] {
  return videos.flatMap((video) => {
    const hash = contentHash(video);
    const previous = state.videos.get(video.id)?.hash;
    return previous === hash
      ? []
      : [fact('VideoStatsFetched', { broadcasterId, video }, [video.id, hash, previous ?? ''], context)];
  });
}

export function clipFacts(
  state: ChannelState,
  broadcasterId: string,
  clips: Array<EventData<'ClipStatsFetched'>['clip']>,
  context: FetchContext,
): Fact[] {
  return clips.flatMap((clip) => {
    const hash = contentHash(clip);
    const previous = state.clips.get(clip.id)?.hash;
    return previous === hash
      ? []
      : [fact('ClipStatsFetched', { broadcasterId, clip }, [clip.id, hash, previous ?? ''], context)];
  });
}

/** `known`: game id → hash of the game object last recorded on its stream. */
export function gameFacts(
  known: ReadonlyMap<string, string>,
  games: Array<EventData<'GameMetadataFetched'>['game']>,
  context: FetchContext,
): Fact[] {
  return games.flatMap((game) => {
    const hash = contentHash(game);
    const previous = known.get(game.id);
    return previous === hash
      ? []
      : [fact('GameMetadataFetched', { gameId: game.id, game }, [game.id, hash, previous ?? ''], context)];
  });
}

/** A top clip past the recent look-back "gains lately" at this share of its views per day or more. */
export const TAIL_GROWTH_PER_DAY = 0.02;

/**
 * The record of a media check, written with the facts it found (even none): when each check last
 * ran decides when it runs next (see media-due.ts). `grown` counts the items recorded before whose
 * view count rose; for top clips, only clips past the recent look-back that gained at least
 * TAIL_GROWTH_PER_DAY a day since the previous top-clips check (the long tail "gaining lately").
 *
 * A check is one job's look at one channel's media: its id is the channel, the media and the job
 * (correlation id), and a job records it once. A channel retried or taken over by another instance
 * is fetched again — and its media are due again when the channel was sampled live since the first
 * look (media-due.ts) — but that check is the job's own, already recorded: `alreadyRecorded` drops
 * it (the state's revision is the expected one, so the event store would append a repeated id). A
 * later job's check is a new one. (The id once covered the state's previous check, which the first
 * look itself moves on: the retry's id differed, and the check was recorded twice.)
 */
export function mediaCheckFact(
  state: ChannelState,
  broadcasterId: string,
  media: MediaCheck,
  fetched: ReadonlyArray<{ id: string; view_count?: number; created_at?: string }>,
  recorded: number,
  context: FetchContext,
): Fact {
  const nowMs = context.fetchedAt.getTime();
  const known = media === 'videos' ? state.videos : state.clips;
  const previousCheckMs = state.mediaChecks[media];
  const days = previousCheckMs === undefined ? 1 : Math.max(1, (nowMs - previousCheckMs) / DAY_MS);
  const grown = fetched.filter((item) => {
    const before = known.get(item.id);
    const views = item.view_count ?? 0;
    if (before === undefined || views <= before.views) return false;
    if (media !== 'top-clips') return true;
    const pastLookback = nowMs - before.createdMs > CLIP_LOOKBACK_DAYS * DAY_MS;
    return pastLookback && (views - before.views) / Math.max(1, before.views) / days >= TAIL_GROWTH_PER_DAY;
  }).length;
  const data = { broadcasterId, media, items: fetched.length, recorded, grown };
  return fact('ChannelMediaChecked', data, [broadcasterId, media, context.correlationId], context);
}

/**
 * Whether the channel's stream already holds this fact: a media check of a job whose check of that
 * media is the latest recorded (see mediaCheckFact). Every other decision returns nothing for what
 * the state holds already.
 */
export function alreadyRecorded(state: ChannelState, event: NewEvent): boolean {
  if (event.type !== 'ChannelMediaChecked') return false;
  const { media } = event.data as EventData<'ChannelMediaChecked'>;
  return state.mediaCheckJobs[media] === (event.metadata as EventMetadata).correlationId;
}
