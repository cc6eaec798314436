import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What backfills reconstruct (projections/src/reconstructed-history.projection.ts), apart from the
 * observed tables: follower totals per past day (lower bounds) and past streams from archives.
 */
export class ReconstructedHistory1764000000026 implements MigrationInterface {
  name = 'ReconstructedHistory1764000000026';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_templates.followers_reconstructed (
        channel_id text NOT NULL,
        day date NOT NULL,
        followers bigint NOT NULL,
        total_at_fetch bigint NOT NULL,
        fetched_at timestamptz NOT NULL,
        PRIMARY KEY (channel_id, day)
      )`);
    await q.query(`
      CREATE TABLE projection_templates.stream_sessions_reconstructed (
        channel_id text NOT NULL,
        stream_id text NOT NULL,
        video_id text NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz NOT NULL,
        duration_seconds integer NOT NULL,
        title text NOT NULL,
        PRIMARY KEY (channel_id, stream_id)
      )`);
    await q.query('CREATE INDEX ON projection_templates.stream_sessions_reconstructed (channel_id, started_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE projection_templates.stream_sessions_reconstructed');
    await q.query('DROP TABLE projection_templates.followers_reconstructed');
  }
}
