import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The "best time to stream" metric (projections/src/best-times.projection.ts): per channel and
 * weekday × hour of its time zone, hours streamed, viewer-hours, average viewers and followers
 * gained. Its state keeps per channel the zone, the live cursor and all 168 slots.
 */
export class BestTimes1764000000006 implements MigrationInterface {
  name = 'BestTimes1764000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_templates.best_times (
        channel_id text NOT NULL,
        weekday integer NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- ISO: 1 = Monday
        hour integer NOT NULL CHECK (hour BETWEEN 0 AND 23),
        hours_streamed double precision NOT NULL DEFAULT 0,
        hours_watched double precision NOT NULL DEFAULT 0,
        avg_viewers double precision NULL,
        followers_gained double precision NOT NULL DEFAULT 0,
        -- Hours of this slot covered by follower counts at most 3 hours apart (where followers_gained was measured).
        follower_hours double precision NOT NULL DEFAULT 0,
        PRIMARY KEY (channel_id, weekday, hour)
      )`);
    // The channel's zone and live cursor, and all 168 slots (slot = (weekday - 1) * 24 + hour).
    await q.query(`
      CREATE TABLE projection_templates.best_times_state (
        channel_id text PRIMARY KEY,
        time_zone text NOT NULL DEFAULT 'UTC',
        live_stream_id text NULL,
        live_started_at timestamptz NULL,
        live_last_at timestamptz NULL,
        live_last_viewers integer NULL,
        live_last_game_id text NULL,
        live_last_game_name text NULL,
        last_followers bigint NULL,
        last_followers_at timestamptz NULL,
        hours_streamed jsonb NOT NULL DEFAULT '[]',
        hours_watched jsonb NOT NULL DEFAULT '[]',
        followers_gained jsonb NOT NULL DEFAULT '[]',
        follower_hours jsonb NOT NULL DEFAULT '[]'
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_templates.best_times_state`);
    await q.query(`DROP TABLE projection_templates.best_times`);
  }
}
