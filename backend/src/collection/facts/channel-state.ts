/**
 * What the write side knows about a channel from its own stream (never from read tables): the
 * last recorded snapshot of each kind (content hash and day), the stream it last saw live, and
 * the last recorded state of every video and clip. Decisions compare a fresh fetch against it.
 */
import { canonicalJson, deterministicEventId } from '../deterministic-event-id.js';
import { utcDay } from './fact.js';

export type SnapshotKind = 'ChannelProfileFetched' | 'FollowerCountFetched' | 'SubscriberCount';

export interface RecordedSnapshot {
  /** Hash of the data: equal data, equal hash. */
  contentHash: string;
  day: string;
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
  /** video id → hash of the video object last recorded. */
  videos: Map<string, string>;
  clips: Map<string, string>;
}

export interface ChannelStreamEvent {
  type: string;
  data: unknown;
  metadata: unknown;
}

export const emptyChannelState = (): ChannelState => ({ snapshots: {}, liveStream: null, videos: new Map(), clips: new Map() });

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
  const kind = snapshotKindOf(event.type);
  if (kind && fetchedAt) {
    state.snapshots[kind] = { contentHash: contentHash(snapshotContent(event.type, event.data)), day: utcDay(fetchedAt) };
    return state;
  }
  switch (event.type) {
    case 'LiveStreamSampled': {
      const { stream } = event.data as { stream: { id: string; started_at: string } };
      state.liveStream = { streamId: stream.id, startedAt: stream.started_at, lastSampledAt: fetchedAt ?? stream.started_at };
      break;
    }
    case 'StreamWentOffline': {
      const { streamId } = event.data as { streamId: string };
      if (state.liveStream?.streamId === streamId) state.liveStream = null;
      break;
    }
    case 'VideoStatsFetched': {
      const { video } = event.data as { video: { id: string } };
      state.videos.set(video.id, contentHash(video));
      break;
    }
    case 'ClipStatsFetched': {
      const { clip } = event.data as { clip: { id: string } };
      state.clips.set(clip.id, contentHash(clip));
      break;
    }
  }
  return state;
}

/**
 * What makes two snapshots "the same": subscriber total and unavailability share one kind, so a
 * channel that lost its token and got it back is recorded on each change.
 */
export function snapshotContent(type: string, data: unknown): unknown {
  return type === 'SubscriberCountFetched' || type === 'SubscriberCountUnavailable' ? { type, data } : data;
}
