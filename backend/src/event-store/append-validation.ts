/**
 * Checks both adapters make before talking to their database, so a bad call fails the same
 * way everywhere (and before Postgres turns it into a constraint error or EventStoreDB into a
 * gRPC one). Values the types already promise are checked as `unknown`: a caller can still pass
 * anything at run time (plain JavaScript, decoded JSON), and these checks exist for those calls.
 */
import type { ExpectedRevision, NewEvent, ReadStreamOptions } from './event-store.port.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAMED_REVISIONS: readonly unknown[] = ['any', 'no_stream', 'stream_exists'];
/** Where a stream read may start other than at a revision: the default (no fromRevision), 'start', 'end'. */
const NAMED_READ_STARTS: readonly unknown[] = [undefined, 'start', 'end'];

export function assertAppendable(streamId: string, events: readonly NewEvent[]): void {
  if (typeof streamId !== 'string' || streamId.length === 0)
    throw new TypeError('A stream id must be a non-empty string');
  if (events.length === 0) throw new RangeError(`An append to "${streamId}" needs at least one event`);
  const seen = new Set<string>();
  for (const event of events) {
    const eventId: unknown = event.id;
    if (typeof eventId !== 'string' || !UUID.test(eventId))
      throw new TypeError(`Event id "${String(eventId)}" is not a UUID`);
    if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`Event ${event.id} has no type`);
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new TypeError(`Event id ${event.id} appears twice in one append to "${streamId}"`);
    seen.add(id);
  }
}

/** An exact expected revision is a stream revision (0 or more); no_stream is the constant, not -1. */
export function assertExpectedRevision(revision: ExpectedRevision): void {
  const expected: unknown = revision;
  if (typeof expected === 'bigint') {
    if (expected < 0n) throw new RangeError(`An expected revision must be 0 or more, got ${expected}`);
  } else if (!NAMED_REVISIONS.includes(expected)) {
    throw new TypeError(`Expected revision "${String(expected)}" is not any, no_stream, stream_exists or a revision`);
  }
}

/** A stream read starts at a revision (0 or more), 'start' or 'end'; EventStoreDB has no revision -1. */
export function assertReadStreamOptions(options: ReadStreamOptions): void {
  const from: unknown = options.fromRevision;
  if (typeof from === 'bigint' && from < 0n) throw new RangeError(`fromRevision must be 0 or more, got ${from}`);
  if (typeof from !== 'bigint' && !NAMED_READ_STARTS.includes(from))
    throw new TypeError(`fromRevision "${String(from)}" is not a revision, 'start' or 'end'`);
  assertMaxCount(options.maxCount);
}

export function assertMaxCount(maxCount: number | undefined): void {
  if (maxCount !== undefined && (!Number.isSafeInteger(maxCount) || maxCount < 1)) {
    throw new RangeError(`maxCount must be a whole number of at least 1, got ${String(maxCount)}`);
  }
}
