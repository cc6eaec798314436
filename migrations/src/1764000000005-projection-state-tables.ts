import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * State tables the projections keep beside their read tables (templates, copied per build like the
 * read tables): per channel, the last sample of its live stream ("live cursor"), the last counts,
 * and what was already counted. Readers never need them; rebuilds fill them from the log.
 */
const liveCursor = `
  live_stream_id text NULL,
  live_started_at timestamptz NULL,
  live_last_at timestamptz NULL,
  live_last_viewers integer NULL,
  live_last_game_id text NULL,
  live_last_game_name text NULL`;

export class ProjectionStateTables1764000000005 implements MigrationInterface {
  name = 'ProjectionStateTables1764000000005';

  async up(q: QueryRunner): Promise<void> {
    // channel_analytics v2: subscribers, live airtime and the last day with a row (gaps are filled without reading them).
    await q.query(`ALTER TABLE projection_templates.channel_analytics_state ALTER COLUMN last_day DROP NOT NULL`);
    await q.query(`
      ALTER TABLE projection_templates.channel_analytics_state
        ADD COLUMN last_subscribers_at timestamptz NULL,
        ADD COLUMN last_row_day date NULL,
        ${liveCursor
          .split(',')
          .map((column) => `ADD COLUMN ${column.trim()}`)
          .join(',\n        ')}`);
    await q.query(`
      CREATE TABLE projection_templates.channel_analytics_content (
        channel_id text NOT NULL,
        content_id text NOT NULL,
        PRIMARY KEY (channel_id, content_id)
      )`);

    await q.query(`
      CREATE TABLE projection_templates.stream_sessions_state (
        channel_id text PRIMARY KEY,
        last_followers bigint NULL,
        last_followers_at timestamptz NULL
      )`);

    await q.query(`
      CREATE TABLE projection_templates.video_analytics_streams (
        channel_id text NOT NULL,
        stream_id text NOT NULL,
        game_id text NULL,
        PRIMARY KEY (channel_id, stream_id)
      )`);

    await q.query(`
      CREATE TABLE projection_templates.game_analytics_state (
        channel_id text PRIMARY KEY,
        ${liveCursor.trim()},
        last_followers bigint NULL,
        last_followers_at timestamptz NULL,
        followers_credited bigint NULL,
        total_hours double precision NOT NULL DEFAULT 0,
        games jsonb NOT NULL DEFAULT '[]'
      )`);
    // The API's top games of a channel: by hours watched.
    await q.query(
      `CREATE INDEX game_analytics_channel_watched_idx ON projection_templates.game_analytics (channel_id, hours_watched DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX projection_templates.game_analytics_channel_watched_idx`);
    for (const t of [
      'game_analytics_state',
      'video_analytics_streams',
      'stream_sessions_state',
      'channel_analytics_content',
    ]) {
      await q.query(`DROP TABLE projection_templates.${t}`);
    }
    await q.query(`
      ALTER TABLE projection_templates.channel_analytics_state
        DROP COLUMN last_subscribers_at, DROP COLUMN last_row_day, DROP COLUMN live_stream_id, DROP COLUMN live_started_at,
        DROP COLUMN live_last_at, DROP COLUMN live_last_viewers, DROP COLUMN live_last_game_id, DROP COLUMN live_last_game_name`);
  }
}
