import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Postgres event store: one row per event with its stream revision and global sequence,
 * plus the id of the transaction that wrote it. Readers order by (transaction_id, global_position)
 * and only read transactions below the snapshot's xmin, so an event that commits late with a lower
 * sequence number is never skipped (see backend/src/event-store/postgres).
 */
export class EventStore1764000000001 implements MigrationInterface {
  name = 'EventStore1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        global_position bigserial NOT NULL,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        stream_revision bigint NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (transaction_id, global_position),
        UNIQUE (stream_id, stream_revision),
        UNIQUE (event_id)
      )`);
    await q.query(`CREATE INDEX events_type_idx ON events (event_type, transaction_id, global_position)`);
    await q.query(`
      CREATE TABLE streams (
        stream_id text PRIMARY KEY,
        revision bigint NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE streams`);
    await q.query(`DROP TABLE events`);
  }
}
