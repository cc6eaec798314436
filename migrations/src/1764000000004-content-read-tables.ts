import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read-table templates for streams, videos and clips, games, and collection jobs (the tables the
 * seed names). Indexed for the API's queries: per channel, newest or most viewed first.
 */
export class ContentReadTables1764000000004 implements MigrationInterface {
  name = 'ContentReadTables1764000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_templates.stream_sessions (
        channel_id text NOT NULL,
        stream_id text NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz NULL,
        duration_hours double precision NOT NULL DEFAULT 0,
        peak_viewers integer NOT NULL DEFAULT 0,
        avg_viewers double precision NOT NULL DEFAULT 0,
        hours_watched double precision NOT NULL DEFAULT 0,
        titles text[] NOT NULL DEFAULT '{}',
        games jsonb NOT NULL DEFAULT '[]',
        followers_at_start bigint NULL,
        followers_gained bigint NULL,
        samples integer NOT NULL DEFAULT 0,
        last_sampled_at timestamptz NULL,
        last_viewers integer NULL,
        last_game_id text NULL,
        PRIMARY KEY (channel_id, stream_id)
      )`);
    await q.query(
      `CREATE INDEX stream_sessions_channel_started_idx ON projection_templates.stream_sessions (channel_id, started_at DESC)`,
    );

    await q.query(`
      CREATE TABLE projection_templates.video_analytics (
        channel_id text NOT NULL,
        video_id text NOT NULL,
        kind text NOT NULL,
        title text NULL,
        game_id text NULL,
        duration_seconds double precision NULL,
        created_at timestamptz NOT NULL,
        published_at timestamptz NULL,
        views bigint NOT NULL,
        views_gained_1d bigint NULL,
        views_gained_7d bigint NULL,
        views_gained_30d bigint NULL,
        view_history jsonb NOT NULL DEFAULT '[]',
        first_seen_at timestamptz NOT NULL,
        last_fetched_at timestamptz NOT NULL,
        PRIMARY KEY (channel_id, video_id)
      )`);
    await q.query(
      `CREATE INDEX video_analytics_channel_kind_views_idx ON projection_templates.video_analytics (channel_id, kind, views DESC)`,
    );
    await q.query(
      `CREATE INDEX video_analytics_channel_created_idx ON projection_templates.video_analytics (channel_id, created_at DESC)`,
    );

    await q.query(`
      CREATE TABLE projection_templates.game_analytics (
        channel_id text NOT NULL,
        game_id text NOT NULL,
        game_name text NULL,
        streams integer NOT NULL DEFAULT 0,
        hours_streamed double precision NOT NULL DEFAULT 0,
        avg_viewers double precision NULL,
        peak_viewers integer NULL,
        hours_watched double precision NOT NULL DEFAULT 0,
        followers_gained bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (channel_id, game_id)
      )`);
    // No share of airtime column: it changes for every game of a channel whenever one game's hours
    // do, so readers derive it (hours_streamed / the channel's sum) instead of the projection
    // rewriting all of a channel's rows on every live sample.

    await q.query(`
      CREATE TABLE projection_templates.games (
        game_id text PRIMARY KEY,
        name text NOT NULL,
        box_art_url text NULL,
        fetched_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE projection_templates.analytics_jobs (
        job_id text PRIMARY KEY,
        kind text NOT NULL,
        requested_by text NULL,
        broadcaster_ids text[] NOT NULL DEFAULT '{}',
        status text NOT NULL,
        attempt integer NOT NULL DEFAULT 0,
        channels_total integer NOT NULL DEFAULT 0,
        channels_ok integer NOT NULL DEFAULT 0,
        channels_failed integer NOT NULL DEFAULT 0,
        requests integer NOT NULL DEFAULT 0,
        events_written integer NOT NULL DEFAULT 0,
        failures jsonb NOT NULL DEFAULT '[]',
        error text NULL,
        -- The log position of the job's CollectionJobRequested and last (Completed/Failed) events, for read-your-writes.
        requested_position text NULL,
        finished_position text NULL,
        requested_at timestamptz NOT NULL,
        started_at timestamptz NULL,
        finished_at timestamptz NULL
      )`);
    await q.query(
      `CREATE INDEX analytics_jobs_requested_by_idx ON projection_templates.analytics_jobs (requested_by, requested_at DESC)`,
    );
    await q.query(
      `CREATE INDEX analytics_jobs_channels_idx ON projection_templates.analytics_jobs USING gin (broadcaster_ids)`,
    );
    await q.query(`CREATE INDEX analytics_jobs_status_idx ON projection_templates.analytics_jobs (status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['stream_sessions', 'video_analytics', 'game_analytics', 'games', 'analytics_jobs']) {
      await q.query(`DROP TABLE projection_templates.${t}`);
    }
  }
}
