import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An append in one SQL call: `event_log_append(...)` makes a whole group of appends (the
 * stream locks, EventStoreDB's expected-revision and idempotency check, positions, the insert,
 * the streams' revisions and the notification) in one statement, so an append costs one round
 * trip and one commit instead of five round trips (BEGIN, lock, check, insert, COMMIT).
 *
 * Positions keep the rule of 1764000000032 (given out in commit order, under a lock held to
 * commit) with a lighter mechanism: `event_log_take_positions(n)` takes a transaction-level
 * advisory lock and n values of the `event_log_position` sequence. The lock, like the row lock
 * it replaces, is released only after the commit is flushed and visible, so the next append
 * gets its positions after this one's events are visible: position order is commit order. The
 * sequence is written in place, where every append updated the `event_log_head` row: a session
 * holding a transaction id in this database (an idle `psql` after one INSERT) kept every one of
 * those row versions alive, and each append then walked the whole chain to find the head.
 * A position taken by an append that then rolls back is skipped (a gap, never a reorder).
 *
 * The function is the adapter's SQL (backend/src/event-store/postgres/postgres-append.ts
 * documents the rules it implements); it is called with one element per append in
 * `streams`/`expected` (distinct streams) and one per event in the other arrays.
 */
export class EventLogAppendFunction1764000000040 implements MigrationInterface {
  name = 'EventLogAppendFunction1764000000040';

  async up(q: QueryRunner): Promise<void> {
    // No append may take a position from the old head while positions move to the sequence.
    await q.query(`LOCK TABLE event_log_head IN ACCESS EXCLUSIVE MODE`);
    await q.query(`CREATE SEQUENCE event_log_position AS bigint MINVALUE 0 START 1`);
    await q.query(
      `SELECT setval('event_log_position', greatest(last_position, 1), last_position > 0) FROM event_log_head`,
    );
    await q.query(`DROP TABLE event_log_head`);
    await q.query(TAKE_POSITIONS);
    await q.query(APPEND);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION event_log_append(text[], text[], int[], uuid[], text[], text[], text[])`);
    await q.query(`DROP FUNCTION event_log_take_positions(bigint)`);
    await q.query(`
      CREATE TABLE event_log_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        last_position bigint NOT NULL
      )`);
    await q.query(`
      INSERT INTO event_log_head (last_position)
      SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM event_log_position`);
    await q.query(`DROP SEQUENCE event_log_position`);
  }
}

/**
 * Returns the position before the first of n new ones. The advisory lock (class 727100, key 0;
 * the collection's locks use 727001-727003) is held until the transaction ends.
 */
const TAKE_POSITIONS = `
CREATE FUNCTION event_log_take_positions(n bigint) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  first_position bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(727100, 0);
  first_position := nextval('event_log_position');
  IF n > 1 THEN
    PERFORM setval('event_log_position', first_position + n - 1);
  END IF;
  RETURN first_position - 1;
END
$$`;

/**
 * One row: per append (in the order given), its outcome ('append', 'repeat' or 'wrong'), the
 * stream revision to answer (the new last revision; the repeated append's; the actual one, -1
 * for no stream) and, except for 'wrong', the position of the last event written or repeated.
 */
const APPEND = `
CREATE FUNCTION event_log_append(
  p_streams text[], p_expected text[], p_owner int[],
  p_ids uuid[], p_types text[], p_data text[], p_metadata text[],
  OUT outcomes text[], OUT revisions bigint[], OUT commits bigint[], OUT prepares bigint[]
)
LANGUAGE plpgsql VOLATILE
SET lock_timeout = '10s'
AS $$
DECLARE
  appends int := cardinality(p_streams);
  current_revision bigint[];
  first_event int[] := array_fill(0, ARRAY[appends]);
  event_count int[] := array_fill(0, ARRAY[appends]);
  skipped_before int[] := array_fill(0, ARRAY[appends]);
  writing int := 0;
  skipped int := 0;
  base bigint;
  i int;
  expected text;
  after_revision bigint;
  first_stream text;
  stored_ids uuid[];
  stored_revisions bigint[];
  stored_commits bigint[];
  stored_prepares bigint[];
  stored_streams text[];
  n int;
BEGIN
  outcomes := array_fill(NULL::text, ARRAY[appends]);
  revisions := array_fill(NULL::bigint, ARRAY[appends]);
  commits := array_fill(NULL::bigint, ARRAY[appends]);
  prepares := array_fill(NULL::bigint, ARRAY[appends]);
  FOR e IN 1 .. cardinality(p_owner) LOOP
    i := p_owner[e];
    IF event_count[i] = 0 THEN first_event[i] := e; END IF;
    event_count[i] := event_count[i] + 1;
  END LOOP;

  -- 1. Lock (or create) each stream's row, in stream order so that groups never deadlock.
  INSERT INTO streams (stream_id, revision)
  SELECT s, -1 FROM unnest(p_streams) AS s ORDER BY s
  ON CONFLICT (stream_id) DO NOTHING;
  PERFORM 1 FROM streams WHERE stream_id = ANY (p_streams) ORDER BY stream_id FOR UPDATE;
  SELECT array_agg(st.revision ORDER BY u.o) INTO current_revision
  FROM unnest(p_streams) WITH ORDINALITY AS u(s, o) JOIN streams st ON st.stream_id = u.s;

  -- 2. EventStoreDB's check, per append.
  FOR i IN 1 .. appends LOOP
    expected := p_expected[i];
    outcomes[i] := 'append';
    IF expected = 'any' OR expected = 'stream_exists' THEN
      IF current_revision[i] = -1 THEN
        IF expected = 'stream_exists' THEN outcomes[i] := 'wrong'; END IF;
      ELSE
        -- Where did the log first store each id? A new batch is settled by its first id alone.
        SELECT ev.stream_id INTO first_stream FROM events ev
         WHERE ev.event_id = p_ids[first_event[i]] ORDER BY ev.position_commit, ev.position_prepare LIMIT 1;
        IF first_stream IS NOT DISTINCT FROM p_streams[i] THEN
          SELECT array_agg(f.stream_id ORDER BY b.o), array_agg(f.stream_revision ORDER BY b.o),
                 array_agg(f.position_commit ORDER BY b.o), array_agg(f.position_prepare ORDER BY b.o)
            INTO stored_streams, stored_revisions, stored_commits, stored_prepares
          FROM unnest(p_ids[first_event[i] : first_event[i] + event_count[i] - 1]) WITH ORDINALITY AS b(id, o)
          LEFT JOIN LATERAL (
            SELECT ev.stream_id, ev.stream_revision, ev.position_commit, ev.position_prepare FROM events ev
             WHERE ev.event_id = b.id ORDER BY ev.position_commit, ev.position_prepare LIMIT 1
          ) f ON true;
          IF EXISTS (SELECT 1 FROM unnest(stored_streams) AS s WHERE s IS DISTINCT FROM p_streams[i]) THEN
            outcomes[i] := 'wrong';
          ELSE
            n := event_count[i];
            outcomes[i] := 'repeat';
            revisions[i] := stored_revisions[n];
            commits[i] := stored_commits[n];
            prepares[i] := stored_prepares[n];
          END IF;
        END IF;
      END IF;
    ELSE
      after_revision := CASE WHEN expected = 'no_stream' THEN -1 ELSE expected::bigint END;
      IF after_revision > current_revision[i] THEN
        outcomes[i] := 'wrong';
      ELSIF after_revision < current_revision[i] THEN
        -- A repeat if the stream holds exactly these ids right after the expected revision.
        SELECT array_agg(r.event_id ORDER BY r.stream_revision), array_agg(r.position_commit ORDER BY r.stream_revision),
               array_agg(r.position_prepare ORDER BY r.stream_revision)
          INTO stored_ids, stored_commits, stored_prepares
        FROM (SELECT ev.event_id, ev.stream_revision, ev.position_commit, ev.position_prepare FROM events ev
               WHERE ev.stream_id = p_streams[i] AND ev.stream_revision > after_revision
               ORDER BY ev.stream_revision LIMIT event_count[i]) r;
        IF stored_ids IS NOT DISTINCT FROM p_ids[first_event[i] : first_event[i] + event_count[i] - 1] THEN
          n := event_count[i];
          outcomes[i] := 'repeat';
          revisions[i] := after_revision + n;
          commits[i] := stored_commits[n];
          prepares[i] := stored_prepares[n];
        ELSE
          outcomes[i] := 'wrong';
        END IF;
      END IF;
    END IF;
    IF outcomes[i] = 'wrong' THEN
      revisions[i] := current_revision[i];
    END IF;
    IF outcomes[i] = 'append' THEN
      skipped_before[i] := skipped;
      writing := writing + event_count[i];
      revisions[i] := current_revision[i] + event_count[i];
    ELSE
      skipped := skipped + event_count[i];
    END IF;
  END LOOP;
  IF writing = 0 THEN RETURN; END IF;

  -- 3. Positions last (the lock is held from here to commit), then the events, revisions, notification.
  base := event_log_take_positions(writing);
  INSERT INTO events (position_commit, position_prepare, stream_id, stream_revision, event_id, event_type, data, metadata)
  SELECT base + t.ord - skipped_before[t.a], base + t.ord - skipped_before[t.a], p_streams[t.a],
         current_revision[t.a] + 1 + t.ord - first_event[t.a], t.id, t.ty, t.d::json, t.m::json
  FROM unnest(p_owner, p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS t(a, id, ty, d, m, ord)
  WHERE outcomes[t.a] = 'append';
  UPDATE streams SET revision = revisions[u.o]
  FROM unnest(p_streams) WITH ORDINALITY AS u(s, o)
  WHERE stream_id = u.s AND outcomes[u.o] = 'append';
  FOR i IN 1 .. appends LOOP
    IF outcomes[i] = 'append' THEN
      commits[i] := base + first_event[i] + event_count[i] - 1 - skipped_before[i];
      prepares[i] := commits[i];
    END IF;
  END LOOP;
  PERFORM pg_notify('event_store_appended', '');
END
$$`;
