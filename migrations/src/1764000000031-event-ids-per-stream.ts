import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event ids are unique per stream's idempotency check, not across the log, as in EventStoreDB: the
 * same id may be appended to another stream, or again to a stream at its current revision. The
 * unique constraint goes (it made such appends fail with a raw 23505); a plain index keeps the
 * idempotency check's look-up by id fast.
 */
export class EventIdsPerStream1764000000031 implements MigrationInterface {
  name = 'EventIdsPerStream1764000000031';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events DROP CONSTRAINT events_event_id_key`);
    await q.query(`CREATE INDEX events_event_id_idx ON events (event_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Fails if an id has been stored twice since: such a log cannot go back.
    await q.query(`DROP INDEX events_event_id_idx`);
    await q.query(`ALTER TABLE events ADD CONSTRAINT events_event_id_key UNIQUE (event_id)`);
  }
}
