/**
 * A catch-up-then-live subscription to $all over Postgres. It is one loop: read the next page
 * after the cursor, yield it, and when a page comes back short (the head of the log) wait for a
 * notification or the poll timer. Catch-up and live are the same query, so there is no switch-over
 * where an event could be skipped or delivered twice.
 *
 * Each page is one statement, so one snapshot, and a snapshot holds a gapless prefix of the log
 * (event-rows.ts). A short page has therefore delivered everything committed when it was read:
 * "caught up" is then true, never a guess, and the cursor may move to the head the same statement
 * saw (past events the filter dropped). Nothing but in-flight appends to this log can hold a page
 * back, and those only until they commit.
 */
import type pg from 'pg';
import type { AllSubscription, EventFilter, SubscribeToAllOptions, SubscriptionBatch } from '../event-store.port.js';
import { comparePositions, type Position } from '../position.js';
import { subscriptionBatchSize } from '../subscription-batch-size.js';
import { asPortError } from './database-errors.js';
import {
  EVENT_COLUMNS,
  type EventRow,
  filterConditions,
  LOG_ORDER,
  LOG_ORDER_DESC,
  positionCondition,
  toRecordedEvent,
} from './event-rows.js';
import type { NotificationListener } from './notification-listener.js';
import { must } from '../../must.js';

export interface PostgresSubscriptionDeps {
  pool: pg.Pool;
  listener: NotificationListener;
  pollIntervalMs: number;
  onClosed(subscription: PostgresAllSubscription): void;
}

export class PostgresAllSubscription implements AllSubscription {
  private readonly maxBatchSize: number;
  private readonly filter: EventFilter | undefined;
  private iterator: AsyncGenerator<SubscriptionBatch> | undefined;
  private closed = false;
  private notified = false;
  private wake: (() => void) | null = null;
  private unlisten: (() => void) | null = null;

  constructor(
    private readonly deps: PostgresSubscriptionDeps,
    private readonly options: SubscribeToAllOptions,
  ) {
    this.maxBatchSize = subscriptionBatchSize(options);
    this.filter = options.filter;
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionBatch> {
    this.iterator ??= this.run();
    return this.iterator;
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.unlisten?.();
      this.unlisten = null;
      this.wake?.();
      this.deps.onClosed(this);
    }
    return Promise.resolve();
  }

  /**
   * Whether close() has run, read through a call: close() may run while run() awaits, and the
   * compiler's narrowing of `this.closed` across an await does not see that.
   */
  private isClosed(): boolean {
    return this.closed;
  }

  private async *run(): AsyncGenerator<SubscriptionBatch> {
    try {
      if (this.closed) return;
      const unlisten = await this.deps.listener.listen(() => this.onNotify());
      if (this.isClosed()) {
        unlisten();
        return;
      }
      this.unlisten = unlisten;
      let cursor: Position | null = this.options.fromPosition === 'start' ? null : (this.options.fromPosition ?? null);
      let announcedCaughtUp = false;
      let readAt = 0;
      while (!this.isClosed()) {
        this.notified = false;
        readAt = performance.now();
        const page = await this.readPage(cursor);
        if (this.isClosed()) return;
        const atHead = page.events.length < this.maxBatchSize;
        const last = page.events[page.events.length - 1];
        if (last) cursor = last.position;
        if (atHead && page.head) cursor = maxPosition(cursor, page.head);
        if (page.events.length > 0 || (atHead && !announcedCaughtUp)) {
          announcedCaughtUp = atHead;
          yield { events: page.events, caughtUp: atHead };
        }
        if (atHead) {
          await this.sleep(this.deps.pollIntervalMs);
          // While appends keep coming (a collection job, the demo history), a read per notification
          // would cost every live subscription a query per append: reads at the head are spaced
          // MIN_LIVE_READ_GAP_MS apart, so a burst is read in a few pages. An idle log is read at once.
          const sinceRead = performance.now() - readAt;
          if (!this.isClosed() && sinceRead < MIN_LIVE_READ_GAP_MS) await this.pause(MIN_LIVE_READ_GAP_MS - sinceRead);
        }
      }
    } finally {
      await this.close();
    }
  }

  private async readPage(
    cursor: Position | null,
  ): Promise<{ head: Position | null; events: ReturnType<typeof toRecordedEvent>[] }> {
    const values: unknown[] = [];
    const conditions = ['true', ...filterConditions(this.filter, values)];
    if (cursor) conditions.push(positionCondition('>', cursor, values));
    values.push(this.maxBatchSize);
    // The head comes back with the rows (even when there are none), from the same snapshot.
    const { rows } = await this.deps.pool
      .query<{ head_commit: string | null; head_prepare: string | null } & Partial<EventRow>>(
        `SELECT h.head_commit, h.head_prepare, e.*
         FROM (SELECT 1) one
         LEFT JOIN (SELECT position_commit::text AS head_commit, position_prepare::text AS head_prepare
                    FROM events ORDER BY ${LOG_ORDER_DESC} LIMIT 1) h ON true
         LEFT JOIN LATERAL (
           SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')}
           ORDER BY ${LOG_ORDER} LIMIT $${values.length}
         ) e ON true`,
        values,
      )
      .catch((error: unknown) => {
        throw asPortError(error, 'read $all for a subscription');
      });
    const first = must(rows[0], 'rows[0]');
    return {
      head:
        first.head_commit === null
          ? null
          : { commit: BigInt(first.head_commit), prepare: BigInt(must(first.head_prepare, 'first.head_prepare')) },
      events: rows.filter((row) => row.event_id != null).map((row) => toRecordedEvent(row as EventRow)),
    };
  }

  private onNotify(): void {
    this.notified = true;
    this.wake?.();
  }

  /** Waits `ms` (or until closed); a notification meanwhile is kept for the next read. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        if (!this.closed) return;
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  private sleep(ms: number): Promise<void> {
    if (this.closed || this.notified) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}

/** The shortest time between two reads at the head of the log; see run(). */
const MIN_LIVE_READ_GAP_MS = 100;

function maxPosition(a: Position | null, b: Position): Position {
  return a && comparePositions(a, b) >= 0 ? a : b;
}
