/**
 * A catch-up-then-live subscription to $all over Postgres. It is one loop: read the next page
 * after the cursor (only rows below the snapshot's xmin, in (transaction_id, global_position)
 * order), yield it, and when a page comes back short (the visible head) wait for a notification
 * or the poll timer. Catch-up and live are the same query, so there is no switch-over where an
 * event could be skipped or delivered twice.
 */
import type pg from 'pg';
import type { AllSubscription, EventFilter, SubscribeToAllOptions, SubscriptionBatch } from '../event-store.port.js';
import { comparePositions, type Position } from '../position.js';
import { EVENT_COLUMNS, type EventRow, filterConditions, positionCondition, toRecordedEvent } from './event-rows.js';
import type { NotificationListener } from './notification-listener.js';
import { subscriptionBatchSize } from '../subscription-batch-size.js';

const MAX_BIGINT = 9223372036854775807n;
/**
 * A notification means something committed, but it may stay invisible while an older
 * transaction holds xmin back; look again soon, backing off to HELD_BACK_RECHECK_MS for as long
 * as committed events are still held back, and fall back on the poll only when none are.
 */
const RECHECKS_AFTER_NOTIFY_MS = [5, 20, 50, 100];
const HELD_BACK_RECHECK_MS = 200;
/**
 * Read-your-writes, as readAll: "caught up" is first said once the events committed before it are
 * visible, so a subscriber started right after an append gets that event first. Bounded as in
 * readAll, so a long transaction elsewhere on the server cannot hold "caught up" back for ever.
 */
const CAUGHT_UP_WAIT_MS = 5_000;

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

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unlisten?.();
    this.unlisten = null;
    this.wake?.();
    this.deps.onClosed(this);
  }

  private async *run(): AsyncGenerator<SubscriptionBatch> {
    try {
      if (this.closed) return;
      const unlisten = await this.deps.listener.listen(() => this.onNotify());
      if (this.closed) return unlisten();
      this.unlisten = unlisten;
      let cursor: Position | null = this.options.fromPosition === 'start' ? null : (this.options.fromPosition ?? null);
      let announcedCaughtUp = false;
      let headReachedAt: number | undefined;
      let recheck = RECHECKS_AFTER_NOTIFY_MS.length;
      while (!this.closed) {
        const wokenByNotify = this.notified;
        this.notified = false;
        const page = await this.readPage(cursor);
        if (this.closed) return;
        // A short page reached the visible head: it saw every visible matching row below xmin.
        const atHead = page.events.length < this.maxBatchSize;
        const last = page.events[page.events.length - 1];
        if (last) cursor = last.position;
        if (atHead) cursor = maxPosition(cursor, { commit: page.xmin - 1n, prepare: MAX_BIGINT });
        if (!atHead) headReachedAt = undefined;
        else if (!announcedCaughtUp) headReachedAt ??= Date.now();
        const caughtUp: boolean =
          atHead && (announcedCaughtUp || !page.heldBack || Date.now() - headReachedAt! >= CAUGHT_UP_WAIT_MS);
        if (page.events.length > 0 || (caughtUp && !announcedCaughtUp)) {
          announcedCaughtUp = caughtUp;
          yield { events: page.events, caughtUp };
        }
        if (!atHead) continue;
        if (wokenByNotify && page.events.length === 0) recheck = 0;
        else if (page.events.length > 0) recheck = RECHECKS_AFTER_NOTIFY_MS.length;
        const soon = RECHECKS_AFTER_NOTIFY_MS[recheck++] ?? (page.heldBack ? HELD_BACK_RECHECK_MS : undefined);
        await this.sleep(Math.min(soon ?? this.deps.pollIntervalMs, this.deps.pollIntervalMs));
      }
    } finally {
      await this.close();
    }
  }

  private async readPage(cursor: Position | null) {
    const values: unknown[] = [];
    const conditions = ['transaction_id < s.xmin', ...filterConditions(this.filter, values)];
    if (cursor) conditions.push(positionCondition('>', cursor, values));
    values.push(this.maxBatchSize);
    // The xmin comes back with the rows (even when there are none) so the cursor can move past
    // filtered-out rows; `held_back` says whether committed events wait at or above it.
    const { rows } = await this.deps.pool.query<{ xmin: string; held_back: boolean } & Partial<EventRow>>(
      `SELECT s.xmin::text AS xmin, coalesce((SELECT max(transaction_id) FROM events) >= s.xmin, false) AS held_back, e.*
       FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin) s
       LEFT JOIN LATERAL (
         SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')}
         ORDER BY transaction_id, global_position LIMIT $${values.length}
       ) e ON true`,
      values,
    );
    return {
      xmin: BigInt(rows[0]!.xmin),
      heldBack: rows[0]!.held_back,
      events: rows.filter((row) => row.event_id != null).map((row) => toRecordedEvent(row as EventRow)),
    };
  }

  private onNotify(): void {
    this.notified = true;
    this.wake?.();
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

function maxPosition(a: Position | null, b: Position): Position {
  return a && comparePositions(a, b) >= 0 ? a : b;
}
