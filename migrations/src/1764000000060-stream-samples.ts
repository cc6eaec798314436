import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * stream_samples (projections/src/stream-samples.projection.ts): every live sample of a stream
 * (viewers, game, title), for the stream report's viewer curve. Read per stream, in time order.
 */
export class StreamSamples1764000000060 implements MigrationInterface {
  name = 'StreamSamples1764000000060';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_templates.stream_samples (
        channel_id text NOT NULL,
        stream_id text NOT NULL,
        sampled_at timestamptz NOT NULL,
        viewers integer NOT NULL,
        game_id text NOT NULL,
        game_name text NULL,
        title text NULL,
        PRIMARY KEY (channel_id, stream_id, sampled_at)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_templates.stream_samples`);
  }
}
