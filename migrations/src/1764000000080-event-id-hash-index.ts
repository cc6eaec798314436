import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The idempotency check's look-up by event id (event_log_append, …040) uses a hash index instead
 * of the B-tree of …031. It only ever asks `event_id = $1`, which a hash index answers; ids are
 * random UUIDs, so every append's inserts land on random pages of this index whatever its kind,
 * and a hash index does less per insert (no descent through inner pages, no key comparisons: it
 * keeps 4-byte hash codes, not 16-byte keys, so it is also smaller and more of it stays cached).
 * Measured on the append path (1 and 8 writers, 100 events of 1 KB per append, a 300,000-event
 * log): backend CPU per append 7-15% lower. Hash indexes are WAL-logged and crash-safe (PostgreSQL 10+).
 */
export class EventIdHashIndex1764000000080 implements MigrationInterface {
  name = 'EventIdHashIndex1764000000080';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX events_event_id_hash_idx ON events USING hash (event_id)`);
    await q.query(`DROP INDEX events_event_id_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX events_event_id_idx ON events (event_id)`);
    await q.query(`DROP INDEX events_event_id_hash_idx`);
  }
}
