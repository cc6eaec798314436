/** Contract: catch-up then live subscriptions to $all, batching, caughtUp and close(). */
import type { EventStore, NewEvent } from '../event-store.port.js';
import {
  expectStrictlyIncreasingPositions,
  newEvent,
  newEvents,
  SubscriptionRecorder,
  uniquePrefix,
} from './contract-helpers.js';
import { must } from '../../must.js';

export function subscribeContract(store: () => EventStore): void {
  describe('subscribeToAll', () => {
    const recorders: SubscriptionRecorder[] = [];
    const record = (...args: Parameters<EventStore['subscribeToAll']>) => {
      const recorder = new SubscriptionRecorder(store().subscribeToAll(...args));
      recorders.push(recorder);
      return recorder;
    };
    afterEach(async () => {
      await Promise.all(recorders.splice(0).map((r) => r.close()));
    });

    async function appendEach(stream: string, events: NewEvent[]): Promise<void> {
      for (const event of events) await store().append(stream, [event]);
    }

    it('from the start: catches up, says so, then delivers live events, each once and in order', async () => {
      const prefix = uniquePrefix('sub');
      const before = newEvents(3);
      const after = newEvents(2);
      await appendEach(`${prefix}a`, before.slice(0, 2));
      await appendEach(`${prefix}b`, before.slice(2));
      const sub = record({ fromPosition: 'start', filter: { streamPrefixes: [prefix] } });
      await sub.waitFor('caught up', () => sub.caughtUpSeen);
      expect(sub.ids()).toEqual(before.map((e) => e.id));
      await appendEach(`${prefix}a`, after);
      await sub.waitForIds(after.map((e) => e.id));
      expect(sub.ids()).toEqual([...before, ...after].map((e) => e.id));
      expectStrictlyIncreasingPositions(sub.events);
    });

    it('from a checkpoint: starts after it (exclusive)', async () => {
      const prefix = uniquePrefix('sub');
      const [e1, e2, e3, e4] = newEvents(4);
      const first = await store().append(`${prefix}a`, [must(e1, 'e1')]);
      await appendEach(`${prefix}b`, [must(e2, 'e2'), must(e3, 'e3')]);
      const [, recorded2] = await store().readAll({
        fromPosition: first.position,
        maxCount: 2,
        filter: { streamPrefixes: [prefix] },
      });
      const sub = record({ fromPosition: must(recorded2, 'recorded2').position, filter: { streamPrefixes: [prefix] } });
      await sub.waitForIds([must(e3, 'e3').id]);
      await store().append(`${prefix}a`, [must(e4, 'e4')]);
      await sub.waitForIds([must(e4, 'e4').id]);
      expect(sub.ids()).toEqual([must(e3, 'e3').id, must(e4, 'e4').id]);
    });

    it('announces caughtUp with an empty batch when there is nothing to catch up on', async () => {
      const prefix = uniquePrefix('sub');
      const sub = record({ filter: { streamPrefixes: [prefix] } });
      await sub.waitFor('first batch', () => sub.batches.length > 0);
      expect(sub.batches[0]).toEqual({ events: [], caughtUp: true });
      const event = newEvent('ThingCreated');
      await store().append(`${prefix}a`, [event]);
      await sub.waitForIds([event.id]);
      expect(sub.batches.slice(1).every((b) => b.events.length > 0)).toBe(true);
    });

    it('yields batches of at most maxBatchSize events', async () => {
      const prefix = uniquePrefix('sub');
      const events = newEvents(7);
      await store().append(`${prefix}a`, events);
      const sub = record({ fromPosition: 'start', maxBatchSize: 3, filter: { streamPrefixes: [prefix] } });
      await sub.waitForIds(events.map((e) => e.id));
      expect(sub.ids()).toEqual(events.map((e) => e.id));
      expect(sub.batches.every((b) => b.events.length <= 3)).toBe(true);
      expect(sub.batches.filter((b) => b.events.length > 0).length).toBeGreaterThanOrEqual(3);
    });

    it('filters by event type prefix, catching up and live', async () => {
      const prefix = uniquePrefix('sub');
      const type = `T${prefix.replace(/-/g, '')}`;
      const wanted = [newEvent(`${type}Created`), newEvent(`${type}Renamed`)];
      await store().append(`${prefix}a`, [must(wanted[0], 'wanted[0]'), newEvent(`Other${type}`)]);
      const sub = record({ fromPosition: 'start', filter: { eventTypePrefixes: [type] } });
      await sub.waitForIds([must(wanted[0], 'wanted[0]').id]);
      await store().append(`${prefix}b`, [newEvent(`Other${type}`), must(wanted[1], 'wanted[1]')]);
      await sub.waitForIds([must(wanted[1], 'wanted[1]').id]);
      expect(sub.ids()).toEqual(wanted.map((e) => e.id));
    });

    it('close() ends an iteration that is waiting for events', async () => {
      const prefix = uniquePrefix('sub');
      const sub = record({ filter: { streamPrefixes: [prefix] } });
      await sub.waitFor('caught up', () => sub.caughtUpSeen);
      await sub.subscription.close();
      await sub.finished;
      await store().append(`${prefix}a`, [newEvent('ThingCreated')]);
      expect(sub.events).toEqual([]);
    });

    it('breaking out of the loop closes the subscription', async () => {
      const prefix = uniquePrefix('sub');
      await store().append(`${prefix}a`, newEvents(2));
      const subscription = store().subscribeToAll({
        fromPosition: 'start',
        maxBatchSize: 1,
        filter: { streamPrefixes: [prefix] },
      });
      const seen: string[] = [];
      for await (const batch of subscription) {
        seen.push(...batch.events.map((e) => e.id));
        if (seen.length > 0) break;
      }
      expect(seen).toHaveLength(1);
      await subscription.close();
    });
  });
}
