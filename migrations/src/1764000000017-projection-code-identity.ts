import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which code computed a build, and which processes follow which builds.
 * - `projection_builds.code_fingerprint`: the fingerprint of the projection's code that created the
 *   build (backend/src/projector/code-fingerprint.ts). NULL for builds made before it was recorded:
 *   the first process with the same version that follows such a build records its own.
 * - `projection_builds.last_followed_at`: the last heartbeat of a process that ran the build.
 * - `projector_processes`: every process that runs a projector (a server, a CLI rebuild), with the
 *   code it has for each projection, the builds it follows, and a heartbeat; a row whose heartbeat
 *   is old belongs to a process that died.
 */
export class ProjectionCodeIdentity1764000000017 implements MigrationInterface {
  name = 'ProjectionCodeIdentity1764000000017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projection_builds ADD COLUMN code_fingerprint text NULL`);
    await q.query(`ALTER TABLE projection_builds ADD COLUMN last_followed_at timestamptz NULL`);
    await q.query(`
      CREATE TABLE projector_processes (
        process_id text PRIMARY KEY,
        -- 'server' or 'cli'
        kind text NOT NULL,
        host text NOT NULL,
        pid integer NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        -- [{ "name", "version", "fingerprint" }] of every projection in the process's code
        code jsonb NOT NULL,
        -- the builds the process runs now
        following integer[] NOT NULL DEFAULT '{}',
        -- [{ "name", "buildId", "reason" }]: builds it refuses to replace or to follow (a newer version, or other code)
        conflicts jsonb NOT NULL DEFAULT '[]'
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projector_processes`);
    await q.query(`ALTER TABLE projection_builds DROP COLUMN last_followed_at`);
    await q.query(`ALTER TABLE projection_builds DROP COLUMN code_fingerprint`);
  }
}
