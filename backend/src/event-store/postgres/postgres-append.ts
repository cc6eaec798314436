/**
 * Appends, several at once, in one SQL call: `event_log_append(...)` (migrations/src/
 * 1764000000040-event-log-append-function.ts) writes a group of appends to distinct streams
 * (append-queue.ts forms the groups) in one statement, so one round trip and one durable commit
 * (no synchronous_commit = off: an append is acknowledged once flushed). In it:
 *
 * 1. lock (or create) each stream's row, in stream-id order so concurrent groups never deadlock,
 *    and read its revision;
 * 2. make EventStoreDB's expected-revision and idempotency check for each append (below); an
 *    append that fails it is answered alone, the others go on;
 * 3. take positions last (`event_log_take_positions`: an advisory lock held until commit, so
 *    position order is commit order, see event-rows.ts), insert every event, move the streams'
 *    revisions on and notify live readers.
 *
 * The check is EventStoreDB's (its IndexWriter.CheckCommit), with the stream locked; `current`
 * is the stream's last revision, -1 when it has none:
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
import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port.js';
import { WrongExpectedVersionError } from '../errors.js';
import { asPortError } from './database-errors.js';
import { binaryInt4Array, binaryTextArray, binaryUuidArray } from '../internal/binary-arrays.js';

export interface PendingAppend {
  streamId: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
  /** The events' data and metadata as JSON text, made by the caller (a value JSON cannot hold fails there). */
  data: string[];
  metadata: string[];
}

/** Per append, in the order given: its result or the WrongExpectedVersionError it met. */
export type AppendOutcome = AppendResult | WrongExpectedVersionError;

/** The group as one implicit transaction: the statement commits when it returns. */
export async function appendGroup(pool: pg.Pool, group: readonly PendingAppend[]): Promise<AppendOutcome[]> {
  try {
    return await appendInTransaction(pool, group);
  } catch (error) {
    const [only] = group;
    throw asPortError(error, only && group.length === 1 ? `append to "${only.streamId}"` : `append to several streams`);
  }
}

interface AppendRow {
  outcomes: Array<'append' | 'repeat' | 'wrong'>;
  revisions: string[];
  commits: Array<string | null>;
  prepares: Array<string | null>;
}

/**
 * The call itself; streams must be distinct. On a pool it is its own transaction; on a client in
 * an open transaction it joins it (tests hold an append open this way).
 */
export async function appendInTransaction(
  db: pg.Pool | pg.ClientBase,
  group: readonly PendingAppend[],
): Promise<AppendOutcome[]> {
  const owner: number[] = [];
  const ids: string[] = [];
  const types: string[] = [];
  const data: string[] = [];
  const metadata: string[] = [];
  group.forEach((append, i) => {
    for (const event of append.events) {
      owner.push(i + 1);
      ids.push(event.id);
      types.push(event.type);
    }
    data.push(...append.data);
    metadata.push(...append.metadata);
  });
  const { rows } = await db.query<AppendRow>({
    name: 'event_log_append',
    text: 'SELECT outcomes, revisions, commits, prepares FROM event_log_append($1, $2, $3, $4, $5, $6, $7)',
    // Binary arrays: neither side escapes or scans the JSON text (internal/binary-arrays.ts).
    values: [
      binaryTextArray(group.map((a) => a.streamId)),
      binaryTextArray(group.map((a) => String(a.expected))),
      binaryInt4Array(owner),
      binaryUuidArray(ids),
      binaryTextArray(types),
      binaryTextArray(data),
      binaryTextArray(metadata),
    ],
  });
  const [row] = rows;
  if (!row) throw new Error('event_log_append returned no row');
  return group.map((append, i) => {
    const revisionText = row.revisions[i];
    if (revisionText == null) throw new Error(`event_log_append gave append ${String(i)} no revision`);
    const revision = BigInt(revisionText);
    if (row.outcomes[i] === 'wrong')
      return new WrongExpectedVersionError(append.streamId, append.expected, revision < 0n ? 'no_stream' : revision);
    const commit = row.commits[i];
    const prepare = row.prepares[i];
    if (commit == null || prepare == null) throw new Error(`event_log_append gave append ${String(i)} no position`);
    return { nextExpectedRevision: revision, position: { commit: BigInt(commit), prepare: BigInt(prepare) } };
  });
}

/**
 * JSON text for a json column (stored as written); `undefined` is stored as JSON null, which is
 * what it reads back as. A value JSON cannot hold (a BigInt, a cycle) is the caller's TypeError.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}
