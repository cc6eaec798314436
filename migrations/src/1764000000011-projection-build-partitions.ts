import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Checkpoints of a replay split by channel (backend/src/projector/partitioned): while a build's
 * replay runs in parallel partitions, each partition commits its rows together with its own
 * checkpoint here; the build's own checkpoint stays empty until every partition has reached the
 * same position, when one transaction moves it there and deletes these rows.
 */
export class ProjectionBuildPartitions1764000000011 implements MigrationInterface {
  name = 'ProjectionBuildPartitions1764000000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_build_partitions (
        build_id integer NOT NULL REFERENCES projection_builds (build_id) ON DELETE CASCADE,
        partition_index integer NOT NULL,
        partition_count integer NOT NULL CHECK (partition_count > 1 AND partition_index >= 0 AND partition_index < partition_count),
        -- The channel ids dealt to this partition (a resumed replay keeps the deal).
        channels text[] NOT NULL,
        checkpoint_commit numeric(20) NULL,
        checkpoint_prepare numeric(20) NULL,
        events_processed bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (build_id, partition_index)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_build_partitions`);
  }
}
