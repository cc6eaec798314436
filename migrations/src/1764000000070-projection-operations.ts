import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * projection_operations: the rebuilds and replays started from the admin console
 * (backend/src/projector/http/projection-operations.ts), shared by every server instance on the
 * database, so any of them lists an operation and reports its progress whichever one runs it.
 * The running instance (`holder`, as in `leases`) writes its progress and `heartbeat_at` every
 * second; a 'running' row whose heartbeat stopped is an operation whose process died, and reads as
 * failed. One operation at a time across the instances is the `projection-operation` lease's job.
 */
export class ProjectionOperations1764000000070 implements MigrationInterface {
  name = 'ProjectionOperations1764000000070';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_operations (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('rebuild', 'replay')),
        projection text NULL,
        status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        events_processed bigint NOT NULL DEFAULT 0,
        total bigint NULL,
        holder text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL,
        error text NULL
      )`);
    await q.query(`CREATE INDEX projection_operations_newest ON projection_operations (started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_operations`);
  }
}
