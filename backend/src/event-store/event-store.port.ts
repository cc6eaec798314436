/**
 * The event-store port: the only way the write side records facts and the read side reads them.
 * Two adapters implement it (Postgres for the embedded default and tests, EventStoreDB for
 * production); both pass the same contract suite, which encodes EventStoreDB's semantics.
 */
import type { Position } from './position.js';

/** What a writer hands to `append`. `id` is a UUID; deterministic (v5) where a fact may be recorded twice. */
export interface NewEvent<Data = unknown, Metadata = unknown> {
  id: string;
  type: string;
  data: Data;
  metadata: Metadata;
}

/** An event as stored: its place in its stream (revision, from 0) and in the whole log (position). */
export interface RecordedEvent<Data = unknown, Metadata = unknown> {
  id: string;
  type: string;
  streamId: string;
  revision: bigint;
  position: Position;
  data: Data;
  metadata: Metadata;
  createdAt: Date;
}

/** `no_stream`: the stream must not exist; `stream_exists`: it must; a bigint: its last revision must be exactly that. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface AppendResult {
  /** Revision of the last event in the stream after the append. */
  nextExpectedRevision: bigint;
  /** Position of the last event written (or of the already-stored one on an idempotent re-append). */
  position: Position;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive. Default: start (forwards) or end (backwards). */
  fromRevision?: bigint | 'start' | 'end';
  maxCount?: number;
}

/** Both lists, when given and non-empty, must match (AND); an absent or empty list keeps everything. */
export interface EventFilter {
  /** Keep events whose type starts with one of these. */
  eventTypePrefixes?: string[];
  /** Keep events whose stream id starts with one of these. */
  streamPrefixes?: string[];
}

export interface ReadAllOptions {
  direction?: 'forwards' | 'backwards';
  /**
   * As EventStoreDB: reading forwards from a position includes the event at it; reading
   * backwards from a position starts with the event just before it. Use positions of recorded
   * events (EventStoreDB rejects made-up ones). Default: start (forwards) or end (backwards).
   */
  fromPosition?: Position | 'start' | 'end';
  maxCount?: number;
  filter?: EventFilter;
}

export interface SubscribeToAllOptions {
  /** Exclusive, as EventStoreDB: a subscription from a checkpoint starts after it. */
  fromPosition?: Position | 'start';
  filter?: EventFilter;
  /** Largest batch the subscription yields at once (catch-up reads in pages of this size). */
  maxBatchSize?: number;
}

/**
 * What a subscription yields: events in commit order (each exactly once, positions strictly
 * increasing, across the catch-up → live switch), at most maxBatchSize of them, and whether the
 * subscription has reached the head of the log.
 */
export interface SubscriptionBatch {
  events: RecordedEvent[];
  /**
   * True when, with this batch, the subscription has delivered everything committed when it last
   * looked (it is live). Batches are normally non-empty; an empty batch is yielded only to
   * announce caughtUp: true when the last batch did not already say so — e.g. at once when there
   * is nothing to catch up on — so a consumer always learns that it is live.
   */
  caughtUp: boolean;
}

/**
 * Iterate it once. close() (or leaving the for-await loop) ends the iteration promptly and
 * releases what the subscription holds; a failure (e.g. a lost connection) ends it with an error,
 * after which the consumer resubscribes from its checkpoint.
 */
export interface AllSubscription extends AsyncIterable<SubscriptionBatch> {
  close(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends atomically, checking the expected revision (default 'any'); a mismatch throws
   * WrongExpectedVersionError. Idempotency is EventStoreDB's, per stream (see
   * postgres/postgres-append.ts): a batch repeating an earlier append to this stream
   * succeeds without writing anything and returns the original result; with the stream's current
   * revision as expected, the batch is appended whatever its ids; an id stored in another stream
   * is no conflict. A batch only partly stored is a WrongExpectedVersionError. At least one
   * event; ids are UUIDs, distinct within the batch. Failures of the database itself are
   * EventStoreUnavailableError (nothing written), never a driver error.
   */
  append(
    streamId: string,
    events: NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  /** Throws StreamNotFoundError when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  /** Position of the last event in the log visible to readers, or null when the log is empty. */
  headPosition(): Promise<Position | null>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
