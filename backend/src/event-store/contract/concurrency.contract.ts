/**
 * Contract: many writers at once while subscriptions run. Every appended event must reach every
 * subscription exactly once, in one strictly increasing order, with each stream's revisions
 * gapless — including a subscription that starts catching up in the middle of the load.
 */
import type { EventStore, RecordedEvent } from '../event-store.port.js';
import { expectStrictlyIncreasingPositions, newEvent, SubscriptionRecorder, uniquePrefix } from './contract-helpers.js';
import { must } from '../../must.js';

const WRITERS = 20;
const APPENDS_PER_WRITER = 25;
const STREAMS = 5;

export function concurrencyContract(store: () => EventStore): void {
  describe('concurrent appends', () => {
    it(`${WRITERS} writers × ${APPENDS_PER_WRITER} appends on ${STREAMS} streams: no gap, no duplicate, one order`, async () => {
      const prefix = uniquePrefix('load');
      const filter = { streamPrefixes: [prefix] };
      const early = new SubscriptionRecorder(
        store().subscribeToAll({ fromPosition: 'start', filter, maxBatchSize: 50 }),
      );
      let late: SubscriptionRecorder | undefined;
      const appended: string[] = [];
      try {
        await early.waitFor('caught up', () => early.caughtUpSeen);
        let done = 0;
        const writer = async (w: number) => {
          for (let i = 0; i < APPENDS_PER_WRITER; i++) {
            // Every third append writes two events, so batches of several events interleave too.
            const events = [
              newEvent('LoadTested', { w, i }),
              ...(i % 3 === 0 ? [newEvent('LoadTested', { w, i, second: true })] : []),
            ];
            await store().append(`${prefix}${(w + i) % STREAMS}`, events, { expectedRevision: 'any' });
            appended.push(...events.map((e) => e.id));
            // Start a second subscription from the start while the writers are halfway through.
            if (++done === (WRITERS * APPENDS_PER_WRITER) / 2) {
              late = new SubscriptionRecorder(
                store().subscribeToAll({ fromPosition: 'start', filter, maxBatchSize: 7 }),
              );
            }
          }
        };
        await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
        expect(late).toBeDefined();
        for (const sub of [early, must(late, 'late')]) {
          await sub.waitForIds(appended);
          expectExactlyOnceInOneOrder(sub.events, appended);
        }
        expect(must(late, 'late').ids()).toEqual(early.ids());
        const read = await store().readAll({ fromPosition: must(early.events[0], 'early.events[0]').position, filter });
        expect(read.map((e) => e.id)).toEqual(early.ids());
      } finally {
        await Promise.all([early.close(), late?.close()]);
      }
    });
  });
}

function expectExactlyOnceInOneOrder(events: readonly RecordedEvent[], appended: readonly string[]): void {
  const ids = events.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual([...appended].sort());
  expectStrictlyIncreasingPositions(events);
  const nextRevision = new Map<string, bigint>();
  for (const event of events) {
    const expected = nextRevision.get(event.streamId) ?? 0n;
    if (event.revision !== expected)
      throw new Error(`${event.streamId}: got revision ${event.revision}, expected ${expected}`);
    nextRevision.set(event.streamId, expected + 1n);
  }
}
