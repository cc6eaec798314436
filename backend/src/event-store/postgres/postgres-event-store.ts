/**
 * The Postgres adapter of the event-store port (embedded default and tests): tables `events` and
 * `streams`, the `event_log_position` sequence and the `event_log_append` function
 * (migrations/src/1764000000001-event-store.ts, …032, …040). Positions are given out in commit
 * order (event-rows.ts); appends are grouped (append-queue.ts), each group one SQL call.
 *
 * The pool belongs to the caller and is left open by close(); the LISTEN connection is the
 * store's own.
 */
import pg from 'pg';
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
import { AppendQueue } from './append-queue.js';
import { toJson } from './postgres-append.js';
import * as reads from './postgres-reads.js';
import { PostgresAllSubscription } from './postgres-subscription.js';

export interface PostgresEventStoreOptions {
  /** Where the dedicated LISTEN connection goes: the same database as the pool. */
  listenConnection: string | pg.ClientConfig;
  /**
   * The store's own pools, so subscribers never queue behind appends or the application's
   * other queries: a read pool whose statements are bounded (a read that cannot finish in time
   * fails with EventStoreUnavailableError) and a small write pool for grouped appends. Without
   * it, reads and appends share the pool given to the constructor.
   */
  ownPools?: { connectionString: string; readers?: number; writers?: number; readTimeoutMs?: number };
  /** How often a live subscription looks for new events when no notification arrives (a lost LISTEN connection). */
  pollIntervalMs?: number;
  logger?: EventStoreLogger;
}

const DEFAULT_READ_TIMEOUT_MS = 30_000;

export class PostgresEventStore implements EventStore {
  private readonly listener: NotificationListener;
  private readonly subscriptions = new Set<PostgresAllSubscription>();
  private readonly pollIntervalMs: number;
  private readonly readPool: pg.Pool;
  private readonly writePool: pg.Pool;
  private readonly ownedPools: pg.Pool[] = [];
  private readonly appends: AppendQueue;
  private closed = false;

  constructor(pool: pg.Pool, options: PostgresEventStoreOptions) {
    this.listener = new NotificationListener(options.listenConnection, options.logger ?? silentLogger);
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    const own = options.ownPools;
    if (own) {
      const timeout = own.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
      this.readPool = new pg.Pool({
        connectionString: own.connectionString,
        max: own.readers ?? 4,
        statement_timeout: timeout,
        connectionTimeoutMillis: timeout,
      });
      this.writePool = new pg.Pool({ connectionString: own.connectionString, max: own.writers ?? 2 });
      for (const p of [this.readPool, this.writePool]) {
        // A connection that dies (idle, or between queries) must not crash the process: the failing
        // query still rejects (and says why), and the pool replaces the connection.
        p.on('error', (error) => {
          if (!this.closed)
            (options.logger ?? silentLogger).warn(`Event store: idle connection lost: ${error.message}`);
        });
        p.on('connect', (client) => client.on('error', () => undefined));
        this.ownedPools.push(p);
      }
    } else {
      this.readPool = pool;
      this.writePool = pool;
    }
    this.appends = new AppendQueue(this.writePool, own?.writers ?? 2);
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
    const data = events.map((e) => toJson(e.data));
    const metadata = events.map((e) => toJson(e.metadata));
    return this.appends.append({ streamId, events, expected, data, metadata });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadStreamOptions(options);
    return reads.readStream(this.readPool, streamId, options).catch((e: unknown) => {
      throw asPortError(e, `read "${streamId}"`);
    });
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertMaxCount(options.maxCount);
    return reads.readAll(this.readPool, options).catch((e: unknown) => {
      throw asPortError(e, 'read $all');
    });
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const subscription = new PostgresAllSubscription(
      {
        pool: this.readPool,
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
    return reads.headPosition(this.readPool).catch((e: unknown) => {
      throw asPortError(e, 'find the head of the log');
    });
  }

  /** Ends every subscription, the LISTEN connection and the store's own pools; a pool given to it stays open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.listener.close();
    await Promise.all(this.ownedPools.map((p) => p.end()));
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}
