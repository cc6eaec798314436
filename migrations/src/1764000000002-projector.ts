import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projector bookkeeping. A projection's tables are built per "build" (one run of one projection
 * version from the start of the log): physical tables `read_model.<table>_b<buildId>`, copied from
 * the templates in `projection_templates`. Readers query views named like the tables, which point
 * at the active build; switching a view is one transaction, so reads switch atomically.
 */
export class Projector1764000000002 implements MigrationInterface {
  name = 'Projector1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA projection_templates`);
    await q.query(`CREATE SCHEMA read_model`);
    await q.query(`
      CREATE TABLE projection_builds (
        build_id serial PRIMARY KEY,
        name text NOT NULL,
        version integer NOT NULL,
        tables text[] NOT NULL,
        state text NOT NULL CHECK (state IN ('building', 'live', 'failed', 'retired')),
        active boolean NOT NULL DEFAULT false,
        checkpoint_commit numeric(20) NULL,
        checkpoint_prepare numeric(20) NULL,
        events_processed bigint NOT NULL DEFAULT 0,
        last_event_at timestamptz NULL,
        failed_event_id text NULL,
        failed_position text NULL,
        error text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        caught_up_at timestamptz NULL,
        activated_at timestamptz NULL,
        retired_at timestamptz NULL,
        tables_dropped_at timestamptz NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX projection_builds_one_active ON projection_builds (name) WHERE active`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_builds`);
    await q.query(`DROP SCHEMA read_model CASCADE`);
    await q.query(`DROP SCHEMA projection_templates CASCADE`);
  }
}
