/**
 * What the write side knows about a channel from its own stream (never from read tables): the
 * last recorded snapshot of each kind (content hash and day), the stream it last saw live, and
 * the last recorded state of every video and clip. Decisions compare a fresh fetch against it.
 */
import type { EventData } from '@creatorsync/projections';
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
  /** When a live sample last saw the channel live (ms), -Infinity for never. */
  lastLiveMs: number;
  /** When each media check last ran (ChannelMediaChecked), absent for never. */
  mediaChecks: Partial<Record<MediaCheck, number>>;
  /**
   * The job (correlation id) of each media's latest recorded check: a job checks a channel's media
   * once, so the same job's check again (a retried or taken-over channel) is already recorded.
   */
  mediaCheckJobs: Partial<Record<MediaCheck, string>>;
  /** When a top-clips check last found clips it had recorded before with more views (ms), -Infinity for never. */
  topClipsGrewMs: number;
}

export type MediaCheck = EventData<'ChannelMediaChecked'>['media'];

export interface RecordedMedia {
  hash: string;
  createdMs: number;
  /** The view count last recorded. */
  views: number;
}

/** Clips kept beyond the look-back: the most viewed this many, which the top-clips check re-reads. */
export const REMEMBERED_TOP_CLIPS = 150;

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
  lastLiveMs: -Infinity,
  mediaChecks: {},
  mediaCheckJobs: {},
  topClipsGrewMs: -Infinity,
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
      state.lastLiveMs = Math.max(state.lastLiveMs, Date.parse(state.liveStream.lastSampledAt));
      break;
    }
    case 'StreamWentOffline': {
      const { streamId } = event.data as { streamId: string };
      if (state.liveStream?.streamId === streamId) state.liveStream = null;
      break;
    }
    case 'VideoStatsFetched': {
      const { video } = event.data as { video: { id: string; created_at: string; view_count: number } };
      state.videos.set(video.id, {
        hash: contentHash(video),
        createdMs: Date.parse(video.created_at),
        views: video.view_count,
      });
      break;
    }
    case 'ClipStatsFetched': {
      const { clip } = event.data as { clip: { id: string; created_at: string; view_count: number } };
      state.clips.set(clip.id, {
        hash: contentHash(clip),
        createdMs: Date.parse(clip.created_at),
        views: clip.view_count,
      });
      break;
    }
    case 'ChannelMediaChecked': {
      const { media, grown } = event.data as EventData<'ChannelMediaChecked'>;
      if (!fetchedAt) break;
      const atMs = Date.parse(fetchedAt);
      state.mediaChecks[media] = Math.max(state.mediaChecks[media] ?? -Infinity, atMs);
      const job = (event.metadata as { correlationId?: string } | null)?.correlationId;
      if (job !== undefined) state.mediaCheckJobs[media] = job;
      if (media === 'top-clips' && grown > 0) state.topClipsGrewMs = Math.max(state.topClipsGrewMs, atMs);
      break;
    }
  }
  return state;
}

/**
 * Forgets videos and clips too old to be fetched again (fetch windows only move forward with the
 * stream's latest fetch), so a channel's state stays small however long its history. The most
 * viewed clips stay: the top-clips check re-reads them, and records only those that changed.
 */
export function forgetMediaBeyondLookback(state: ChannelState): void {
  const forget = (media: Map<string, RecordedMedia>, lookbackDays: number, keep: ReadonlySet<string>) => {
    const horizon = state.lastFetchMs - (lookbackDays + 1) * DAY_MS;
    for (const [id, recorded] of media) if (recorded.createdMs < horizon && !keep.has(id)) media.delete(id);
  };
  forget(state.videos, VIDEO_LOOKBACK_DAYS, new Set());
  const mostViewed = [...state.clips]
    .sort(([, a], [, b]) => b.views - a.views)
    .slice(0, REMEMBERED_TOP_CLIPS)
    .map(([id]) => id);
  forget(state.clips, CLIP_LOOKBACK_DAYS, new Set(mostViewed));
}

/**
 * What makes two snapshots "the same": subscriber total and unavailability share one kind, so a
 * channel that lost its token and got it back is recorded on each change.
 */
export function snapshotContent(type: string, data: unknown): unknown {
  return type === 'SubscriberCountFetched' || type === 'SubscriberCountUnavailable' ? { type, data } : data;
}
