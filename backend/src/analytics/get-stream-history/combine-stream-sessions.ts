/**
 * A channel's past streams from two sources: sessions observed by live polls (viewer curve known)
 * and sessions a backfill rebuilt from archives (start, duration and title only). Observed wins:
 * a rebuilt session is dropped when an observed one is the same stream (Twitch's stream id, which
 * an archive carries) or overlaps it in time (an archive without a stream id, or a stream whose
 * polls saw it under another id). What stays of the rebuilt ones is marked `reconstructed`, with
 * viewer figures null: unknown, not zero.
 */
import type { StreamCategory } from '../shared/stream-categories.js';

export interface ObservedSession {
  streamId: string;
  startedAt: Date;
  /** Null while live: then it runs to the last sample. */
  endedAt: Date | null;
  lastSampledAt: Date | null;
  durationHours: number;
  averageViewers: number;
  peakViewers: number;
  hoursWatched: number;
  titles: string[];
  categories: StreamCategory[];
}

export interface ReconstructedSession {
  streamId: string;
  videoId: string;
  startedAt: Date;
  endedAt: Date;
  durationSeconds: number;
  title: string;
}

export interface PastStream {
  id: string;
  startedAt: Date;
  endedAt: Date | null;
  durationHours: number;
  /** Null for a reconstructed stream: nobody sampled its viewers. */
  averageViewers: number | null;
  peakViewers: number | null;
  hoursWatched: number | null;
  titles: string[];
  /** Empty for a reconstructed stream: an archive does not say which games it was in. */
  categories: StreamCategory[];
  reconstructed: boolean;
  /** The archive a reconstructed stream was rebuilt from; null for an observed one. */
  videoId: string | null;
}

/** Both sources, observed winning, newest first (ties by id, so pages are stable). */
export function combineStreamSessions(
  observed: readonly ObservedSession[],
  reconstructed: readonly ReconstructedSession[],
): PastStream[] {
  const observedIds = new Set(observed.map((s) => s.streamId));
  const spans = observed.map((s) => ({
    from: s.startedAt.getTime(),
    to: (s.endedAt ?? s.lastSampledAt ?? s.startedAt).getTime(),
  }));
  const overlapsObserved = (r: ReconstructedSession) =>
    spans.some((span) => span.from < r.endedAt.getTime() && r.startedAt.getTime() < Math.max(span.to, span.from + 1));
  const streams: PastStream[] = [
    ...observed.map((s) => ({
      id: s.streamId,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      durationHours: s.durationHours,
      averageViewers: s.averageViewers,
      peakViewers: s.peakViewers,
      hoursWatched: s.hoursWatched,
      titles: s.titles,
      categories: s.categories,
      reconstructed: false,
      videoId: null,
    })),
    ...reconstructed
      .filter((r) => !observedIds.has(r.streamId) && !overlapsObserved(r))
      .map((r) => ({
        id: r.streamId,
        startedAt: r.startedAt,
        endedAt: r.endedAt,
        durationHours: Math.round((r.durationSeconds / 3600) * 10_000) / 10_000,
        averageViewers: null,
        peakViewers: null,
        hoursWatched: null,
        titles: r.title === '' ? [] : [r.title],
        categories: [],
        reconstructed: true,
        videoId: r.videoId,
      })),
  ];
  return streams.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || a.id.localeCompare(b.id));
}
