/**
 * video_analytics: one row per video (archive, highlight, upload) and per clip.
 *
 *   VideoStatsFetched / ClipStatsFetched → views now (the latest fetch), title, duration, dates,
 *                       the count at first sight, and the view history: the day's last count per
 *                       UTC day, 90 days deep
 *   LiveStreamSampled → the game a stream started with (video_analytics_streams), which becomes
 *                       the game of that stream's archive (Helix's video object has no game)
 *
 * views_gained_{1,7,30,90}d are counted back from the day of the video's latest fetch with
 * viewsGained (views-gained.ts: a video created just before the window and first seen inside it
 * gets an interpolated start count). The collection records a video only when something changed,
 * so a missing day means an unchanged count; "gained in the last N days as of today" is computed
 * by readers with the same function from `view_history`, `first_seen_at` and `first_views`.
 */
import type { EventOfType } from './catalogue/event-catalogue.js';
import { gameIdOf } from './live/viewer-curve.js';
import { defineProjection, type RowRef, type RowSet, type TableSpec } from './projection.js';
import { addDays, assertNever, dayOf, isoTime } from './time.js';
import { viewsGained, type ViewCount } from './views-gained.js';
import { must } from './must.js';

export type { ViewCount } from './views-gained.js';

export const videoAnalyticsTable = {
  name: 'video_analytics',
  primaryKey: ['channel_id', 'video_id'],
  columns: {
    channel_id: 'text',
    video_id: 'text',
    kind: 'text',
    title: 'text',
    game_id: 'text',
    duration_seconds: 'double',
    created_at: 'timestamptz',
    published_at: 'timestamptz',
    views: 'bigint',
    views_gained_1d: 'bigint',
    views_gained_7d: 'bigint',
    views_gained_30d: 'bigint',
    views_gained_90d: 'bigint',
    view_history: 'jsonb',
    first_views: 'bigint',
    first_seen_at: 'timestamptz',
    last_fetched_at: 'timestamptz',
  },
} as const satisfies TableSpec;

export const videoAnalyticsStreamsTable = {
  name: 'video_analytics_streams',
  primaryKey: ['channel_id', 'stream_id'],
  columns: { channel_id: 'text', stream_id: 'text', game_id: 'text' },
} as const satisfies TableSpec;

export interface VideoRow {
  [column: string]: string | number | ViewCount[] | null;
  channel_id: string;
  video_id: string;
  kind: string;
  title: string | null;
  game_id: string | null;
  duration_seconds: number | null;
  created_at: string;
  published_at: string | null;
  views: number;
  views_gained_1d: number | null;
  views_gained_7d: number | null;
  views_gained_30d: number | null;
  views_gained_90d: number | null;
  view_history: ViewCount[];
  first_views: number | null;
  first_seen_at: string;
  last_fetched_at: string;
}

const VIDEOS = videoAnalyticsTable.name;
const STREAMS = videoAnalyticsStreamsTable.name;
const HISTORY_DAYS = 90;

export const videoAnalytics = defineProjection({
  name: 'video-analytics',
  version: 2,
  handles: ['VideoStatsFetched', 'ClipStatsFetched', 'LiveStreamSampled'],
  tables: [videoAnalyticsTable, videoAnalyticsStreamsTable],
  parallel: 'by-channel',

  rowsToLoad(event) {
    const channel_id = event.data.broadcasterId;
    switch (event.type) {
      case 'VideoStatsFetched': {
        const { video } = event.data;
        const refs: RowRef[] = [{ table: VIDEOS, key: { channel_id, video_id: video.id } }];
        if (video.stream_id) refs.push({ table: STREAMS, key: { channel_id, stream_id: video.stream_id } });
        return refs;
      }
      case 'ClipStatsFetched':
        return [{ table: VIDEOS, key: { channel_id, video_id: event.data.clip.id } }];
      case 'LiveStreamSampled':
        return [{ table: STREAMS, key: { channel_id, stream_id: event.data.stream.id } }];
      default:
        return assertNever(event);
    }
  },

  apply(event, rows) {
    switch (event.type) {
      case 'VideoStatsFetched': {
        recordVideo(rows, event);
        return;
      }
      case 'ClipStatsFetched': {
        recordClip(rows, event);
        return;
      }
      case 'LiveStreamSampled': {
        const key = { channel_id: event.data.broadcasterId, stream_id: event.data.stream.id };
        if (!rows.get(STREAMS, key))
          rows.put(STREAMS, { ...key, game_id: gameIdOf(event.data.stream.game_id) || null });
        return;
      }
      default:
        return assertNever(event);
    }
  },
});

function recordVideo(rows: RowSet, event: EventOfType<'VideoStatsFetched'>): void {
  const channel_id = event.data.broadcasterId;
  const { video } = event.data;
  const streamGame = video.stream_id
    ? rows.get<{ game_id: string | null }>(STREAMS, { channel_id, stream_id: video.stream_id })?.game_id
    : undefined;
  record(rows, event.metadata.fetchedAt, {
    channel_id,
    video_id: video.id,
    kind: video.type || 'video',
    title: video.title ?? null,
    game_id: streamGame ?? null,
    duration_seconds: video.duration ? parseHelixDuration(video.duration) : null,
    created_at: isoTime(video.created_at),
    published_at: timestampOrNull(video.published_at),
    views: video.view_count,
  });
}

function recordClip(rows: RowSet, event: EventOfType<'ClipStatsFetched'>): void {
  const { clip } = event.data;
  const created = isoTime(clip.created_at);
  record(rows, event.metadata.fetchedAt, {
    channel_id: event.data.broadcasterId,
    video_id: clip.id,
    kind: 'clip',
    title: clip.title ?? null,
    game_id: clip.game_id || null,
    duration_seconds: clip.duration ?? null,
    created_at: created,
    published_at: created,
    views: clip.view_count,
  });
}

type Fetched = Pick<
  VideoRow,
  | 'channel_id'
  | 'video_id'
  | 'kind'
  | 'title'
  | 'game_id'
  | 'duration_seconds'
  | 'created_at'
  | 'published_at'
  | 'views'
>;

function record(rows: RowSet, fetchedAtRaw: string, fetched: Fetched): void {
  const fetchedAt = isoTime(fetchedAtRaw);
  const existing = rows.get<VideoRow>(VIDEOS, { channel_id: fetched.channel_id, video_id: fetched.video_id });
  if (existing && existing.last_fetched_at > fetchedAt) return; // a late fetch: the newer count stays
  const day = dayOf(fetchedAt);
  const history = withDay(existing?.view_history ?? [], day, fetched.views);
  const { views } = fetched;
  const first_seen_at = existing?.first_seen_at ?? fetchedAt;
  const first_views = existing ? existing.first_views : views;
  const subject = { created_at: fetched.created_at, views, view_history: history, first_seen_at, first_views };
  const gainedOver = (days: number) => viewsGained(subject, day, days).gained;
  // One literal with every column: adding seven columns to `fetched` one by one made V8 change the
  // object's shape seven times, for each of the video and clip fetches of a rebuild.
  const row: VideoRow = {
    channel_id: fetched.channel_id,
    video_id: fetched.video_id,
    kind: fetched.kind,
    title: fetched.title,
    game_id: fetched.game_id ?? existing?.game_id ?? null,
    duration_seconds: fetched.duration_seconds,
    created_at: fetched.created_at,
    published_at: fetched.published_at,
    views,
    views_gained_1d: gainedOver(1),
    views_gained_7d: gainedOver(7),
    views_gained_30d: gainedOver(30),
    views_gained_90d: gainedOver(90),
    view_history: history,
    first_views,
    first_seen_at,
    last_fetched_at: fetchedAt,
  };
  rows.put(VIDEOS, row);
}

/** The history with `day`'s count set, kept 90 days deep plus the last count before that (the 90-day baseline). */
function withDay(history: readonly ViewCount[], day: string, views: number): ViewCount[] {
  const cutoff = addDays(day, -HISTORY_DAYS);
  const kept: ViewCount[] = [];
  for (let i = 0; i < history.length; i++) {
    const entry = must(history[i], 'history[i]');
    if (entry.day >= day) break; // days are in order; the day's earlier count is replaced
    // An entry on or before the cutoff is kept only while it is the last one there (the 90-day baseline).
    if (entry.day <= cutoff && i + 1 < history.length && must(history[i + 1], 'history[i + 1]').day <= cutoff) continue;
    kept.push(entry);
  }
  kept.push({ day, views });
  return kept;
}

/** Helix video durations look like "3h2m1s", "12m5s" or "45s". */
export function parseHelixDuration(duration: string): number | null {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration);
  if (!match || duration === '') return null;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

function timestampOrNull(value: string | undefined): string | null {
  return value && !Number.isNaN(Date.parse(value)) ? isoTime(value) : null;
}
