import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Log positions in commit order, with no dependence on the cluster's snapshot xmin.
 *
 * Before: a position was (appending transaction's id, sequence value), readable only below the
 * snapshot's xmin, so any transaction anywhere on the cluster held every reader back, and a
 * transaction that took its id early and committed late got a position below ones already handed out.
 *
 * Now: `event_log_head` holds the last position given out. An append takes its positions from it
 * with an UPDATE at the end of its transaction, so the row stays locked until the append commits:
 * the next append gets its positions only after this one is committed and visible. Position order
 * is therefore commit order, every snapshot sees a gapless prefix of the log, and readers need no
 * rule beyond "position greater than my cursor". Only appends wait for each other, and only for
 * the short tail of an append (insert and commit).
 *
 * Existing events keep their positions, so every checkpoint, consistency token and position in a
 * read table stays valid: `transaction_id` and `global_position` become `position_commit` and
 * `position_prepare` (bigint), and new positions start above every existing transaction id (and so
 * above every position and cursor handed out so far). A new event's position is (n, n).
 */
export class EventLogCommitOrder1764000000032 implements MigrationInterface {
  name = 'EventLogCommitOrder1764000000032';

  async up(q: QueryRunner): Promise<void> {
    // Nothing may append the old way while positions move over.
    await q.query(`LOCK TABLE events, streams IN ACCESS EXCLUSIVE MODE`);
    await q.query(`ALTER TABLE events RENAME COLUMN transaction_id TO position_commit`);
    await q.query(`ALTER TABLE events RENAME COLUMN global_position TO position_prepare`);
    await q.query(`
      ALTER TABLE events
        ALTER COLUMN position_commit DROP DEFAULT,
        ALTER COLUMN position_commit TYPE bigint USING position_commit::text::bigint,
        ALTER COLUMN position_prepare DROP DEFAULT`);
    await q.query(`DROP SEQUENCE IF EXISTS events_global_position_seq`);
    await q.query(`
      CREATE TABLE event_log_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        last_position bigint NOT NULL
      )`);
    // Above every existing transaction id: any position or cursor handed out before sorts lower.
    await q.query(`
      INSERT INTO event_log_head (last_position)
      SELECT CASE WHEN EXISTS (SELECT 1 FROM events) THEN pg_current_xact_id()::text::bigint ELSE 0 END`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_log_head`);
    await q.query(`CREATE SEQUENCE events_global_position_seq OWNED BY events.position_prepare`);
    await q.query(
      `SELECT setval('events_global_position_seq', greatest((SELECT max(position_prepare) FROM events), 1))`,
    );
    await q.query(`
      ALTER TABLE events
        ALTER COLUMN position_commit TYPE xid8 USING position_commit::text::xid8,
        ALTER COLUMN position_commit SET DEFAULT pg_current_xact_id(),
        ALTER COLUMN position_prepare SET DEFAULT nextval('events_global_position_seq')`);
    await q.query(`ALTER TABLE events RENAME COLUMN position_commit TO transaction_id`);
    await q.query(`ALTER TABLE events RENAME COLUMN position_prepare TO global_position`);
  }
}
