/**
 * The chart series' SQL, one statement per series, over one channel ($1) and a window of days
 * ($2 = first day, $3 = last day, inclusive, UTC); a stream belongs to the day it started.
 * Day boundaries are built as UTC timestamps explicitly, never through the session's time zone.
 */
/** A timestamp as JavaScript's toISOString() writes it, whatever the session's time zone. */
export const isoUtc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const FOLLOWER_GROWTH_SQL = `
  SELECT day::text AS day, followers::float8 AS followers, followers_gained::float8 AS gained
    FROM channel_analytics
   WHERE channel_id = $1 AND followers IS NOT NULL AND day BETWEEN $2::date AND $3::date
   ORDER BY day`;

/**
 * A backfill's follower totals (lower bounds) for the window's days before the channel's first
 * observed total: observed wins, so a reconstructed day never stands beside or among observed ones.
 */
export const FOLLOWER_GROWTH_RECONSTRUCTED_SQL = `
  SELECT r.day::text AS day, r.followers::float8 AS followers, true AS reconstructed
    FROM followers_reconstructed r
   WHERE r.channel_id = $1 AND r.day BETWEEN $2::date AND $3::date
     AND NOT EXISTS (SELECT 1 FROM channel_analytics c WHERE c.channel_id = $1 AND c.followers IS NOT NULL AND c.day <= r.day)
   ORDER BY r.day`;

export const VIEWERSHIP_SQL = `
  SELECT day::text AS day,
         CASE WHEN hours_streamed > 0 THEN round((hours_watched / hours_streamed)::numeric, 2)::float8 END AS "averageViewers",
         peak_viewers AS "peakViewers", hours_streamed AS "hoursStreamed", hours_watched AS "hoursWatched", streams
    FROM channel_analytics
   WHERE channel_id = $1 AND day BETWEEN $2::date AND $3::date
   ORDER BY day`;

/** Weeks (Monday first) overlapping the window; a stream counts in the week it started. */
export const STREAM_FREQUENCY_SQL = `
  SELECT week::date::text AS "weekStart", count(s.stream_id)::int AS streams, coalesce(sum(s.duration_hours), 0)::float8 AS "hoursStreamed"
    FROM generate_series(date_trunc('week', $2::timestamp), $3::timestamp, interval '1 week') AS week
    LEFT JOIN stream_sessions s
      ON s.channel_id = $1
     AND s.started_at >= greatest(week, $2::timestamp) AT TIME ZONE 'UTC'
     AND s.started_at < least(week + interval '1 week', $3::timestamp + interval '1 day') AT TIME ZONE 'UTC'
   GROUP BY week ORDER BY week`;

/** Games by viewer-hours within the window, from each session's time per game (stream_sessions.games). */
export const TOP_GAMES_SQL = `
  SELECT g.game_id AS "gameId", coalesce(max(g.game_name), max(games.name)) AS "gameName",
         sum(g.hours_watched)::float8 AS "hoursWatched", sum(g.hours)::float8 AS "hoursStreamed",
         CASE WHEN sum(g.hours) > 0 THEN round((sum(g.hours_watched) / sum(g.hours))::numeric, 2)::float8 END AS "averageViewers"
    FROM stream_sessions s
   CROSS JOIN LATERAL jsonb_to_recordset(s.games) AS g(game_id text, game_name text, hours float8, hours_watched float8)
    LEFT JOIN games ON games.game_id = g.game_id
   WHERE s.channel_id = $1 AND s.started_at >= $2::timestamp AT TIME ZONE 'UTC' AND s.started_at < ($3::timestamp + interval '1 day') AT TIME ZONE 'UTC'
     AND g.game_id IS NOT NULL
   GROUP BY g.game_id
   ORDER BY "hoursWatched" DESC, g.game_id
   LIMIT 10`;

export const VIDEO_PERFORMANCE_SQL = `
  SELECT video_id AS id, kind, title, ${isoUtc('created_at')} AS "createdAt", views::float8 AS views, views_gained_7d::float8 AS "viewsGained7d"
    FROM video_analytics
   WHERE channel_id = $1 AND kind <> 'clip' AND created_at >= $2::timestamp AT TIME ZONE 'UTC'
     AND created_at < ($3::timestamp + interval '1 day') AT TIME ZONE 'UTC'
   ORDER BY created_at DESC, video_id
   LIMIT 100`;

/** A series as one JSON array, in the order its statement returns the rows. */
const asJsonArray = (sql: string) => `(SELECT coalesce(json_agg(series), '[]'::json) FROM (${sql}) series)`;

/** Every series of the charts in one statement: one round trip and one connection per request, which keeps latency flat under load. */
export const CHARTS_SQL = `
  SELECT ${asJsonArray(FOLLOWER_GROWTH_SQL)} AS "followerGrowth",
         ${asJsonArray(FOLLOWER_GROWTH_RECONSTRUCTED_SQL)} AS "followerGrowthReconstructed",
         ${asJsonArray(VIEWERSHIP_SQL)} AS viewership,
         ${asJsonArray(STREAM_FREQUENCY_SQL)} AS "streamFrequency",
         ${asJsonArray(TOP_GAMES_SQL)} AS "topGames",
         ${asJsonArray(VIDEO_PERFORMANCE_SQL)} AS "videoPerformance"`;
