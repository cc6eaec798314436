/**
 * The API benchmark's read model: `channels` channels, each owned by its own user, with `days`
 * days of daily rows ending today, and `sessions` stream sessions spread over the channels and
 * days. Generated in SQL (generate_series) straight into the active builds' tables behind the
 * views, the way the projector would have left them; nothing goes through the event log.
 */
import type pg from 'pg';
import { physicalTable } from '../projector/read-model-tables.js';

export interface SeedSize {
  channels: number;
  days: number;
  sessions: number;
}

export const benchUserId = (n: number) => `bench-user-${n}`;
export const benchChannelId = (n: number) => String(100_000_000 + n);

/** The active build's physical table for a read table, or undefined when no projection owns it yet. */
async function buildTable(pool: pg.Pool, table: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ build_id: number }>(
    `SELECT build_id FROM projection_builds WHERE active AND $1 = ANY(tables)`,
    [table],
  );
  return rows[0] ? physicalTable(table, rows[0].build_id) : undefined;
}

async function required(pool: pg.Pool, table: string): Promise<string> {
  const physical = await buildTable(pool, table);
  if (!physical) throw new Error(`No active build owns ${table}: is its projection in allProjections?`);
  return physical;
}

/** Seeds in slices of channels so progress shows; returns the tables it could not seed (no projection yet). */
export async function seedReadModel(
  pool: pg.Pool,
  size: SeedSize,
  today: string,
  progress: (line: string) => void,
): Promise<string[]> {
  const skipped: string[] = [];
  const accounts = await required(pool, 'account_channels');
  const profiles = await required(pool, 'channel_profiles');
  const daily = await required(pool, 'channel_analytics');
  await pool.query(
    `INSERT INTO ${accounts} (user_id, channel_id, login, display_name, scopes, linked_at)
     SELECT 'bench-user-' || n, (100000000 + n)::text, 'bench_' || n, 'Bench ' || n, '{}', now() FROM generate_series(1, $1) AS n`,
    [size.channels],
  );
  await pool.query(
    `INSERT INTO ${profiles} (channel_id, login, display_name, profile_image_url, broadcaster_type, fetched_at)
     SELECT (100000000 + n)::text, 'bench_' || n, 'Bench ' || n, 'https://example.invalid/' || n || '.png', 'affiliate', now() FROM generate_series(1, $1) AS n`,
    [size.channels],
  );
  const slice = 500;
  for (let from = 1; from <= size.channels; from += slice) {
    const to = Math.min(size.channels, from + slice - 1);
    // A stream every third day; followers grow by 1–7 a day, subscribers slowly.
    await pool.query(
      `INSERT INTO ${daily} (channel_id, day, followers, followers_gained, subscribers, subscriber_points, streams, hours_streamed,
                            avg_viewers, peak_viewers, hours_watched, videos_published, clips_published, carried_forward, last_fetched_at)
       SELECT (100000000 + c)::text, $3::date - ($4 - 1) + d,
              1000 + c % 5000 + d * (1 + c % 7), CASE WHEN d > 0 THEN 1 + c % 7 END,
              100 + c % 300 + d / 10, 2 * (100 + c % 300 + d / 10),
              live::int, CASE WHEN live THEN 3.5 ELSE 0 END,
              CASE WHEN live THEN 50 + c % 200 END, CASE WHEN live THEN 80 + c % 300 END,
              CASE WHEN live THEN 3.5 * (50 + c % 200) ELSE 0 END,
              0, 0, false, ($3::date - ($4 - 1) + d)::timestamp AT TIME ZONE 'UTC' + interval '2 hours'
         FROM generate_series($1::int, $2::int) AS c, generate_series(0, $4 - 1) AS d, LATERAL (SELECT (c + d) % 3 = 0 AS live) AS l`,
      [from, to, today, size.days],
    );
    progress(`channel_analytics: ${to.toLocaleString('en-US')} / ${size.channels.toLocaleString('en-US')} channels`);
  }

  const sessions = await buildTable(pool, 'stream_sessions');
  if (sessions) {
    await pool.query(
      `INSERT INTO ${sessions} (channel_id, stream_id, started_at, ended_at, duration_hours, peak_viewers, avg_viewers, hours_watched, titles, games, samples)
       SELECT (100000000 + 1 + s % $1)::text, 'bench-stream-' || s, started, started + interval '3.5 hours', 3.5, 80 + s % 300, 50 + s % 200,
              3.5 * (50 + s % 200), ARRAY['Stream ' || s],
              jsonb_build_array(jsonb_build_object('game_id', (s % 50)::text, 'game_name', 'Game ' || (s % 50), 'hours', 3.5, 'hours_watched', 3.5 * (50 + s % 200))),
              42
         FROM generate_series(1, $2::int) AS s, LATERAL (SELECT ($3::date - (s % $4))::timestamp AT TIME ZONE 'UTC' + interval '18 hours' AS started) AS t`,
      [size.channels, size.sessions, today, size.days],
    );
    progress(`stream_sessions: ${size.sessions.toLocaleString('en-US')} sessions`);
  } else skipped.push('stream_sessions');
  await pool.query('ANALYZE');
  return skipped;
}
