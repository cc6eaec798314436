/**
 * What the write side knows about a channel from its own stream (never from read tables): the
 * last recorded snapshot of each kind (content hash and day), the stream it last saw live, and
 * the last recorded state of every video and clip. Decisions compare a fresh fetch against it.
 */
import { canonicalJson, deterministicEventId } from '../deterministic-event-id.js';
import { snapshotSlot } from './fact.js';
import { CLIP_LOOKBACK_DAYS, DAY_MS, VIDEO_LOOKBACK_DAYS } from './lookback.js';

export type SnapshotKind = 'ChannelProfileFetched' | 'FollowerCountFetched' | 'SubscriberCount';

export interface RecordedSnapshot {
  /** Hash of the data: equal data, equal hash. */
  contentHash: string;
  /** The period it was recorded in (see snapshotSlot): an unchanged value is recorded once per period. */
  slot: string;
  /** When it was fetched (ms). */
  atMs: number;
}

export interface OpenStream {
  streamId: string;
  startedAt: string;
  lastSampledAt: string;
}

export interface ChannelState {
  snapshots: Partial<Record<SnapshotKind, RecordedSnapshot>>;
  /** The stream the last sample found live, until a StreamWentOffline closes it. */
  liveStream: OpenStream | null;
  /** video id → hash of the video object last recorded, and when the video was created. */
  videos: Map<string, RecordedMedia>;
  clips: Map<string, RecordedMedia>;
  /** The latest fetch recorded on the stream (ms), -Infinity for none. */
  lastFetchMs: number;
}

export interface RecordedMedia {
  hash: string;
  createdMs: number;
}

export interface ChannelStreamEvent {
  type: string;
  data: unknown;
  metadata: unknown;
}

export const emptyChannelState = (): ChannelState => ({
  snapshots: {},
  liveStream: null,
  videos: new Map(),
  clips: new Map(),
  lastFetchMs: -Infinity,
});

export const contentHash = (data: unknown): string => deterministicEventId('content', canonicalJson(data));

const snapshotKindOf = (type: string): SnapshotKind | undefined =>
  type === 'ChannelProfileFetched' || type === 'FollowerCountFetched'
    ? type
    : type === 'SubscriberCountFetched' || type === 'SubscriberCountUnavailable'
      ? 'SubscriberCount'
      : undefined;

/** Folds events of `twitch-channel-<id>` into the state (mutates and returns it, for incremental reads). */
export function evolveChannelState(state: ChannelState, event: ChannelStreamEvent): ChannelState {
  const fetchedAt = (event.metadata as { fetchedAt?: string } | null)?.fetchedAt;
  if (fetchedAt) state.lastFetchMs = Math.max(state.lastFetchMs, Date.parse(fetchedAt));
  const kind = snapshotKindOf(event.type);
  if (kind && fetchedAt) {
    state.snapshots[kind] = {
      contentHash: contentHash(snapshotContent(event.type, event.data)),
      slot: snapshotSlot(kind, fetchedAt),
      atMs: Date.parse(fetchedAt),
    };
    return state;
  }
  switch (event.type) {
    case 'LiveStreamSampled': {
      const { stream } = event.data as { stream: { id: string; started_at: string } };
      state.liveStream = {
        streamId: stream.id,
        startedAt: stream.started_at,
        lastSampledAt: fetchedAt ?? stream.started_at,
      };
      break;
    }
    case 'StreamWentOffline': {
      const { streamId } = event.data as { streamId: string };
      if (state.liveStream?.streamId === streamId) state.liveStream = null;
      break;
    }
    case 'VideoStatsFetched': {
      const { video } = event.data as { video: { id: string; created_at: string } };
      state.videos.set(video.id, { hash: contentHash(video), createdMs: Date.parse(video.created_at) });
      break;
    }
    case 'ClipStatsFetched': {
      const { clip } = event.data as { clip: { id: string; created_at: string } };
      state.clips.set(clip.id, { hash: contentHash(clip), createdMs: Date.parse(clip.created_at) });
      break;
    }
  }
  return state;
}

/**
 * Forgets videos and clips too old to be fetched again (fetch windows only move forward with the
 * stream's latest fetch), so a channel's state stays small however long its history.
 */
export function forgetMediaBeyondLookback(state: ChannelState): void {
  const forget = (media: Map<string, RecordedMedia>, lookbackDays: number) => {
    const horizon = state.lastFetchMs - (lookbackDays + 1) * DAY_MS;
    for (const [id, recorded] of media) if (recorded.createdMs < horizon) media.delete(id);
  };
  forget(state.videos, VIDEO_LOOKBACK_DAYS);
  forget(state.clips, CLIP_LOOKBACK_DAYS);
}

/**
 * What makes two snapshots "the same": subscriber total and unavailability share one kind, so a
 * channel that lost its token and got it back is recorded on each change.
 */
export function snapshotContent(type: string, data: unknown): unknown {
  return type === 'SubscriberCountFetched' || type === 'SubscriberCountUnavailable' ? { type, data } : data;
}
