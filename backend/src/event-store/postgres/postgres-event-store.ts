/**
 * The Postgres adapter of the event-store port (embedded default and tests): tables `events`
 * and `streams` (migrations/src/1764000000001-event-store.ts). Positions are
 * { commit: appending transaction's id, prepare: global sequence }; see event-rows.ts for why
 * $all is read by (transaction_id, global_position) below the snapshot's xmin.
 *
 * The pool belongs to the caller and is left open by close(); the LISTEN connection is the
 * store's own.
 */
import type pg from 'pg';
import {
  assertAppendable,
  assertExpectedRevision,
  assertMaxCount,
  assertReadStreamOptions,
} from '../append-validation.js';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  ExpectedRevision,
} from '../event-store.port.js';
import { type EventStoreLogger, silentLogger } from '../event-store-logger.js';
import type { Position } from '../position.js';
import { asPortError } from './database-errors.js';
import { NotificationListener } from './notification-listener.js';
import { appendInTransaction } from './postgres-append.js';
import * as reads from './postgres-reads.js';
import { PostgresAllSubscription } from './postgres-subscription.js';

export interface PostgresEventStoreOptions {
  /** Where the dedicated LISTEN connection goes: the same database as the pool. */
  listenConnection: string | pg.ClientConfig;
  /**
   * How often a live subscription looks for new events when no notification arrives: the bound
   * on latency when a transaction that is not an append holds the snapshot's xmin back.
   */
  pollIntervalMs?: number;
  logger?: EventStoreLogger;
}

export class PostgresEventStore implements EventStore {
  private readonly listener: NotificationListener;
  private readonly subscriptions = new Set<PostgresAllSubscription>();
  private readonly pollIntervalMs: number;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    options: PostgresEventStoreOptions,
  ) {
    this.listener = new NotificationListener(options.listenConnection, options.logger ?? silentLogger);
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    assertAppendable(streamId, events);
    const expected = options.expectedRevision ?? 'any';
    assertExpectedRevision(expected);
    return appendInTransaction(this.pool, streamId, events, expected);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadStreamOptions(options);
    return reads.readStream(this.pool, streamId, options).catch((e: unknown) => {
      throw asPortError(e, `read "${streamId}"`);
    });
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertMaxCount(options.maxCount);
    return reads.readAll(this.pool, options).catch((e: unknown) => {
      throw asPortError(e, 'read $all');
    });
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const subscription = new PostgresAllSubscription(
      {
        pool: this.pool,
        listener: this.listener,
        pollIntervalMs: this.pollIntervalMs,
        onClosed: (s) => this.subscriptions.delete(s),
      },
      options,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<Position | null> {
    this.assertOpen();
    return reads.headPosition(this.pool).catch((e: unknown) => {
      throw asPortError(e, 'find the head of the log');
    });
  }

  /** Ends every subscription and the LISTEN connection; the pool stays open (it is the caller's). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.listener.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}
