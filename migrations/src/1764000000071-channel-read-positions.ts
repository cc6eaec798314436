import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per channel, where each projection build last changed that channel's rows (backend/src/projector
 * writes it in the transaction that writes the rows; channel_id '' stands for rows of no channel,
 * such as games or jobs). The ETag of a query is derived from the positions of the channels it
 * reads (backend/src/http), so one channel's live samples leave the other users' ETags alone.
 * A build's rows go when its tables are dropped.
 */
export class ChannelReadPositions1764000000071 implements MigrationInterface {
  name = 'ChannelReadPositions1764000000071';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channel_read_positions (
        build_id integer NOT NULL REFERENCES projection_builds (build_id) ON DELETE CASCADE,
        channel_id text NOT NULL,
        -- The log position of the last event of the commit that changed the channel's rows.
        position text NOT NULL,
        PRIMARY KEY (build_id, channel_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE channel_read_positions`);
  }
}
