import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read-table templates for channels: daily analytics, profiles, and which accounts own which
 * channels. The projector copies each template (columns, keys, indexes) per build.
 */
export class ChannelReadTables1764000000003 implements MigrationInterface {
  name = 'ChannelReadTables1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_templates.channel_analytics (
        channel_id text NOT NULL,
        day date NOT NULL,
        followers bigint NULL,
        followers_gained bigint NULL,
        subscribers bigint NULL,
        subscriber_points bigint NULL,
        streams integer NOT NULL DEFAULT 0,
        hours_streamed double precision NOT NULL DEFAULT 0,
        avg_viewers double precision NULL,
        peak_viewers integer NULL,
        hours_watched double precision NOT NULL DEFAULT 0,
        videos_published integer NOT NULL DEFAULT 0,
        clips_published integer NOT NULL DEFAULT 0,
        carried_forward boolean NOT NULL DEFAULT false,
        last_fetched_at timestamptz NULL,
        PRIMARY KEY (channel_id, day)
      )`);
    await q.query(`
      CREATE TABLE projection_templates.channel_analytics_state (
        channel_id text PRIMARY KEY,
        last_day date NOT NULL,
        last_followers bigint NULL,
        last_subscribers bigint NULL,
        last_subscriber_points bigint NULL
      )`);
    await q.query(`
      CREATE TABLE projection_templates.channel_profiles (
        channel_id text PRIMARY KEY,
        login text NOT NULL,
        display_name text NOT NULL,
        profile_image_url text NULL,
        broadcaster_type text NULL,
        description text NULL,
        game_name text NULL,
        title text NULL,
        created_at timestamptz NULL,
        fetched_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE projection_templates.account_channels (
        user_id text NOT NULL,
        channel_id text NOT NULL,
        login text NOT NULL,
        display_name text NOT NULL,
        scopes text[] NOT NULL DEFAULT '{}',
        linked_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, channel_id)
      )`);
    await q.query(`CREATE INDEX account_channels_channel_idx ON projection_templates.account_channels (channel_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['channel_analytics', 'channel_analytics_state', 'channel_profiles', 'account_channels']) {
      await q.query(`DROP TABLE projection_templates.${t}`);
    }
  }
}
