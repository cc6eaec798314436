/**
 * EventStoreDB's expected-revision and idempotency check (its IndexWriter.CheckCommit), made in
 * the append's transaction with the stream locked. `current` is the stream's last revision, -1
 * when it has none. The outcome is 'append' (write the batch), the result of the earlier append
 * the batch repeats (write nothing), or a WrongExpectedVersionError:
 *
 * - stream_exists on a stream with no events: wrong expected version.
 * - any / stream_exists: each id is looked up where the log first stored it. If the first id of the
 *   batch was never stored in this stream, the batch is appended, whatever the other ids are (so an
 *   id stored in another stream is no conflict: idempotency is per stream). If every id is stored
 *   in this stream, the append is a repeat and answers the revision of the last one. A batch
 *   whose first id is stored here and a later one is not is a wrong expected version.
 * - an exact revision (no_stream = -1) below the current one: a repeat if the stream holds exactly
 *   these ids right after it (revisions expected+1, expected+2, …), otherwise a wrong expected version.
 * - above the current one: wrong expected version.
 * - equal to the current one: append, even if some ids are stored already (EventStoreDB does).
 *
 * EventStoreDB looks ids up in a bounded in-memory cache, so after a restart or on a very large
 * log it may append what this check calls a repeat; this log behaves as if the cache held everything.
 */
import type pg from 'pg';
import { WrongExpectedVersionError } from '../errors.js';
import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port.js';
import { LOG_ORDER, POSITION_COLUMNS, positionOf } from './event-rows.js';

export const NO_STREAM = -1n;

export async function checkExpectedRevision(
  client: pg.ClientBase,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  current: bigint,
): Promise<'append' | AppendResult> {
  const wrong = () => new WrongExpectedVersionError(streamId, expected, current === NO_STREAM ? 'no_stream' : current);
  if (expected === 'any' || expected === 'stream_exists') {
    if (expected === 'stream_exists' && current === NO_STREAM) throw wrong();
    if (current === NO_STREAM) return 'append';
    return repeatOfStoredIds(client, streamId, events, wrong);
  }
  const after = expected === 'no_stream' ? NO_STREAM : expected;
  if (after === current) return 'append';
  if (after > current) throw wrong();
  return repeatAfterRevision(client, streamId, events, after, wrong);
}

/** any / stream_exists on an existing stream: where did the log first store each id? */
async function repeatOfStoredIds(
  client: pg.ClientBase,
  streamId: string,
  events: readonly NewEvent[],
  wrong: () => Error,
): Promise<'append' | AppendResult> {
  const ids = events.map((e) => e.id.toLowerCase());
  // The common case, a new batch, is settled by its first id alone: one index probe.
  const first = await client.query<{ stream_id: string }>(
    `SELECT stream_id FROM events WHERE event_id = $1::uuid ORDER BY ${LOG_ORDER} LIMIT 1`,
    [ids[0]],
  );
  if (first.rows[0]?.stream_id !== streamId) return 'append';
  const { rows } = await client.query<{ event_id: string; stream_id: string; revision: string } & PositionRow>(
    `SELECT DISTINCT ON (event_id) event_id::text AS event_id, stream_id, stream_revision::text AS revision, ${POSITION_COLUMNS}
       FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY event_id, ${LOG_ORDER}`,
    [ids],
  );
  const firstStored = new Map(rows.map((row) => [row.event_id, row]));
  const inThisStream = ids.map((id) => {
    const row = firstStored.get(id);
    return row && row.stream_id === streamId ? row : undefined;
  });
  if (!inThisStream[0]) return 'append';
  if (inThisStream.some((row) => !row)) throw wrong();
  const last = inThisStream[inThisStream.length - 1]!;
  return { nextExpectedRevision: BigInt(last.revision), position: positionOf(last) };
}

/** An exact revision behind the stream: are these ids the events right after it, in order? */
async function repeatAfterRevision(
  client: pg.ClientBase,
  streamId: string,
  events: readonly NewEvent[],
  after: bigint,
  wrong: () => Error,
): Promise<AppendResult> {
  const { rows } = await client.query<{ event_id: string } & PositionRow>(
    `SELECT event_id::text AS event_id, ${POSITION_COLUMNS} FROM events
      WHERE stream_id = $1 AND stream_revision > $2 ORDER BY stream_revision LIMIT $3`,
    [streamId, after.toString(), events.length],
  );
  const repeats = rows.length === events.length && rows.every((row, i) => row.event_id === events[i]!.id.toLowerCase());
  if (!repeats) throw wrong();
  return { nextExpectedRevision: after + BigInt(events.length), position: positionOf(rows[rows.length - 1]!) };
}

interface PositionRow {
  commit: string;
  prepare: string;
}
