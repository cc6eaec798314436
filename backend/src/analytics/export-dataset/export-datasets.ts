/**
 * The exportable datasets: for each, its columns (the CSV header, in order) and the SQL that
 * reads its rows for one channel ($1) and, for daily and streams, a window of days ($2, $3).
 * Streams carry every title and category the stream had: Twitch's own export lacks them.
 */
import type pg from 'pg';
import type { ExportDataset } from '../analytics-query.dto.js';
import type { CsvValue } from './csv.js';
import { readRows } from '../shared/read-rows.js';
import { streamCategories } from '../shared/stream-categories.js';
import { STREAM_SESSION_COLUMNS, type StreamSessionRow } from '../shared/stream-session.dto.js';

export type ExportRow = Record<string, CsvValue>;

interface DatasetSpec {
  columns: readonly string[];
  windowed: boolean;
  /** The exported rows, in order: the dataset's SQL run with `params`, each row turned into what is exported. */
  read: (pool: pg.Pool, params: unknown[]) => Promise<ExportRow[]>;
}

/** A channel_analytics row as the daily dataset selects it (bigints read as float8). */
type DailyRow = {
  day: string;
  followers: number | null;
  followers_gained: number | null;
  subscribers: number | null;
  subscriber_points: number | null;
  streams: number;
  hours_streamed: number;
  hours_watched: number;
  average_viewers: number | null;
  peak_viewers: number | null;
  videos_published: number;
  clips_published: number;
  carried_forward: boolean;
};

/** A video_analytics row (with its game's name) as the videos dataset selects it. */
type VideoRow = {
  video_id: string;
  kind: string;
  title: string | null;
  game_id: string | null;
  game_name: string | null;
  created_at: Date;
  published_at: Date | null;
  duration_seconds: number | null;
  views: number;
  views_gained_1d: number | null;
  views_gained_7d: number | null;
  views_gained_30d: number | null;
};

/** A game_analytics row (with its share of the channel's airtime) as the games dataset selects it. */
type GameRow = {
  game_id: string;
  game_name: string | null;
  streams: number;
  hours_streamed: number;
  hours_watched: number;
  average_viewers: number | null;
  peak_viewers: number | null;
  followers_gained: number;
  airtime_share: number;
};

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);
const WINDOW_START = `$2::timestamp AT TIME ZONE 'UTC'`;
const WINDOW_END = `($3::timestamp + interval '1 day') AT TIME ZONE 'UTC'`;

export const exportDatasets: Record<ExportDataset, DatasetSpec> = {
  daily: {
    columns: [
      'day',
      'followers',
      'followers_gained',
      'subscribers',
      'subscriber_points',
      'streams',
      'hours_streamed',
      'hours_watched',
      'average_viewers',
      'peak_viewers',
      'videos_published',
      'clips_published',
      'carried_forward',
    ],
    windowed: true,
    read: (pool, params) =>
      readRows<DailyRow>(
        pool,
        `SELECT day::text AS day, followers::float8 AS followers, followers_gained::float8 AS followers_gained, subscribers::float8 AS subscribers,
                   subscriber_points::float8 AS subscriber_points, streams, hours_streamed, hours_watched, avg_viewers AS average_viewers,
                   peak_viewers, videos_published, clips_published, carried_forward
              FROM channel_analytics WHERE channel_id = $1 AND day BETWEEN $2::date AND $3::date ORDER BY day`,
        params,
      ),
  },
  streams: {
    columns: [
      'stream_id',
      'started_at',
      'ended_at',
      'duration_hours',
      'average_viewers',
      'peak_viewers',
      'hours_watched',
      'followers_gained',
      'titles',
      'categories',
      'category_ids',
    ],
    windowed: true,
    read: async (pool, params) =>
      (
        await readRows<StreamSessionRow>(
          pool,
          `SELECT ${STREAM_SESSION_COLUMNS}
              FROM stream_sessions WHERE channel_id = $1 AND started_at >= ${WINDOW_START} AND started_at < ${WINDOW_END}
             ORDER BY started_at, stream_id`,
          params,
        )
      ).map((row) => {
        const categories = streamCategories(row.games);
        return {
          stream_id: row.stream_id,
          started_at: iso(row.started_at),
          ended_at: iso(row.ended_at),
          duration_hours: row.duration_hours,
          average_viewers: row.avg_viewers,
          peak_viewers: row.peak_viewers,
          hours_watched: row.hours_watched,
          followers_gained: row.followers_gained,
          titles: row.titles ?? [],
          categories: categories.map((c) => c.name ?? c.id ?? ''),
          category_ids: categories.map((c) => c.id ?? ''),
        };
      }),
  },
  videos: {
    columns: [
      'video_id',
      'kind',
      'title',
      'game_id',
      'game_name',
      'created_at',
      'published_at',
      'duration_seconds',
      'views',
      'views_gained_1d',
      'views_gained_7d',
      'views_gained_30d',
    ],
    windowed: false,
    read: async (pool, params) =>
      (
        await readRows<VideoRow>(
          pool,
          `SELECT v.video_id, v.kind, v.title, v.game_id, g.name AS game_name, v.created_at, v.published_at, v.duration_seconds, v.views::float8 AS views,
                   v.views_gained_1d::float8 AS views_gained_1d, v.views_gained_7d::float8 AS views_gained_7d, v.views_gained_30d::float8 AS views_gained_30d
              FROM video_analytics v LEFT JOIN games g ON g.game_id = v.game_id
             WHERE v.channel_id = $1 ORDER BY v.created_at DESC, v.video_id`,
          params,
        )
      ).map((row) => ({ ...row, created_at: iso(row.created_at), published_at: iso(row.published_at) })),
  },
  games: {
    columns: [
      'game_id',
      'game_name',
      'streams',
      'hours_streamed',
      'hours_watched',
      'average_viewers',
      'peak_viewers',
      'followers_gained',
      'airtime_share',
    ],
    windowed: false,
    read: (pool, params) =>
      readRows<GameRow>(
        pool,
        `SELECT ga.game_id, coalesce(ga.game_name, g.name) AS game_name, ga.streams, ga.hours_streamed, ga.hours_watched, ga.avg_viewers AS average_viewers,
                   ga.peak_viewers, ga.followers_gained::float8 AS followers_gained,
                   coalesce(ga.hours_streamed / nullif(sum(ga.hours_streamed) OVER (), 0), 0) AS airtime_share
              FROM game_analytics ga LEFT JOIN games g ON g.game_id = ga.game_id
             WHERE ga.channel_id = $1 ORDER BY ga.hours_watched DESC, ga.game_id`,
        params,
      ),
  },
};
