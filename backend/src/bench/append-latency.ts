/**
 * Part of `npm run bench -- append`: appends of one event at a steady rate (open loop: each starts
 * on schedule whether or not earlier ones have returned), and for each the time from the call to
 * (a) its delivery by a live subscription and (b) its projection's checkpoint passing it, i.e. its
 * rows committed in the read table.
 */
import type pg from 'pg';
import type { EventStore, NewEvent } from '../event-store/event-store.port.js';
import { comparePositions, type Position } from '../event-store/position.js';
import { must } from '../must.js';

export interface LatencyFigures {
  appends: number;
  achievedRate: number;
  delivered: { p50: number; p99: number };
  visible: { p50: number; p99: number };
}

interface Tracked {
  startedAt: number;
  position?: Position;
  deliveredAt?: number;
  visibleAt?: number;
}

/** Checkpoint polls: the resolution of "visible". */
const CHECKPOINT_POLL_MS = 5;
const DRAIN_DEADLINE_MS = 120_000;

export async function measureLatency(options: {
  store: EventStore;
  pool: pg.Pool;
  projection: string;
  rate: number;
  seconds: number;
  newEvent(): { streamId: string; event: NewEvent };
}): Promise<LatencyFigures> {
  const { store, pool, rate, seconds } = options;
  const tracked = new Map<string, Tracked>();
  const head = await store.headPosition();
  const subscription = store.subscribeToAll({
    fromPosition: head ?? 'start',
    filter: { eventTypePrefixes: ['FollowerCountFetched'] },
  });
  const consuming = (async () => {
    for await (const batch of subscription) {
      const now = performance.now();
      for (const e of batch.events) {
        const t = tracked.get(e.id);
        if (t && t.deliveredAt === undefined) t.deliveredAt = now;
      }
    }
  })();
  let polling = true;
  // Read through a call: the flag is cleared while the loop awaits, which narrowing does not see.
  const stillPolling = () => polling;
  const checkpoints = (async () => {
    while (stillPolling()) {
      const { rows } = await pool.query<{ c: string | null; p: string | null }>(
        `SELECT checkpoint_commit::text AS c, checkpoint_prepare::text AS p FROM projection_builds WHERE active AND name = $1`,
        [options.projection],
      );
      const now = performance.now();
      const row = rows[0];
      if (row?.c) {
        const checkpoint = { commit: BigInt(row.c), prepare: BigInt(must(row.p, 'row.p')) };
        for (const t of tracked.values())
          if (t.visibleAt === undefined && t.position && comparePositions(t.position, checkpoint) <= 0)
            t.visibleAt = now;
      }
      await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_POLL_MS));
    }
  })();

  const appends: Array<Promise<void>> = [];
  /** Per stream, its last append: the next one waits for it and expects the revision it returns. */
  const streams = new Map<string, Promise<bigint | undefined>>();
  const started = performance.now();
  const total = Math.round(rate * seconds);
  while (appends.length < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
    while (appends.length < due) {
      const { streamId, event } = options.newEvent();
      const t: Tracked = { startedAt: performance.now() };
      tracked.set(event.id, t);
      // As the collection appends to a channel: one at a time per stream, with the revision it knows.
      const appended = (streams.get(streamId) ?? Promise.resolve(undefined)).then(async (known) => {
        const result = await store.append(streamId, [event], { expectedRevision: known ?? 'any' });
        t.position = result.position;
        return result.nextExpectedRevision;
      });
      streams.set(streamId, appended);
      appends.push(appended.then(() => undefined));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(appends);
  const achievedRate = total / ((performance.now() - started) / 1000);
  const drainDeadline = performance.now() + DRAIN_DEADLINE_MS;
  while ([...tracked.values()].some((t) => t.deliveredAt === undefined || t.visibleAt === undefined)) {
    if (performance.now() > drainDeadline) throw new Error('events were not delivered and projected within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  polling = false;
  await subscription.close();
  await Promise.all([consuming, checkpoints]);
  const all = [...tracked.values()];
  return {
    appends: total,
    achievedRate,
    delivered: percentiles(all.map((t) => must(t.deliveredAt, 't.deliveredAt') - t.startedAt)),
    visible: percentiles(all.map((t) => must(t.visibleAt, 't.visibleAt') - t.startedAt)),
  };
}

function percentiles(values: number[]): { p50: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    must(
      sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)],
      'sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]',
    );
  return { p50: at(0.5), p99: at(0.99) };
}
