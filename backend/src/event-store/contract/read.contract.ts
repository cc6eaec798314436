/**
 * Contract: reading one stream and reading $all. $all reads always filter on this test's stream
 * prefix and start from a position of its own, because a shared EventStoreDB holds other events.
 */
import { StreamNotFoundError } from '../errors.js';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store.port.js';
import { comparePositions } from '../position.js';
import {
  expectRejection,
  expectStrictlyIncreasingPositions,
  newEvent,
  newEvents,
  uniquePrefix,
} from './contract-helpers.js';
import { must } from '../../must.js';

export function readContract(store: () => EventStore): void {
  describe('readStream', () => {
    it('throws StreamNotFoundError for a stream that does not exist', async () => {
      const id = `${uniquePrefix('read')}missing`;
      const error = await expectRejection(store().readStream(id));
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect((error as StreamNotFoundError).streamId).toBe(id);
    });

    it('reads forwards and backwards, from a revision (inclusive) and up to maxCount', async () => {
      const id = `${uniquePrefix('read')}stream`;
      await store().append(id, newEvents(5));
      const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
        (await store().readStream(id, options)).map((e) => Number(e.revision));
      expect(await revisions({})).toEqual([0, 1, 2, 3, 4]);
      expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
      expect(await revisions({ maxCount: 2 })).toEqual([0, 1]);
      expect(await revisions({ direction: 'backwards', maxCount: 2 })).toEqual([4, 3]);
      expect(await revisions({ fromRevision: 1n })).toEqual([1, 2, 3, 4]);
      expect(await revisions({ fromRevision: 1n, maxCount: 2 })).toEqual([1, 2]);
      expect(await revisions({ direction: 'backwards', fromRevision: 3n })).toEqual([3, 2, 1, 0]);
      expect(await revisions({ direction: 'backwards', fromRevision: 'end', maxCount: 1 })).toEqual([4]);
      expect(await revisions({ fromRevision: 'start', maxCount: 1 })).toEqual([0]);
      expect(await revisions({ fromRevision: 10n })).toEqual([]);
    });

    it('rejects a negative fromRevision', async () => {
      const id = `${uniquePrefix('read')}negative`;
      await store().append(id, newEvents(2));
      expect(await expectRejection(store().readStream(id, { fromRevision: -1n }))).toBeInstanceOf(RangeError);
    });
  });

  describe('readAll', () => {
    /** Appends one event at a time (so each has its own commit) and returns them as recorded, in commit order. */
    async function appendSpread(
      prefix: string,
      events: Array<[stream: string, event: NewEvent]>,
    ): Promise<RecordedEvent[]> {
      const first = await store().append(`${prefix}${must(events[0], 'events[0]')[0]}`, [
        must(events[0], 'events[0]')[1],
      ]);
      for (const [stream, event] of events.slice(1)) await store().append(`${prefix}${stream}`, [event]);
      const recorded = await store().readAll({ fromPosition: first.position, filter: { streamPrefixes: [prefix] } });
      expect(recorded.map((e) => e.id)).toEqual(events.map(([, e]) => e.id));
      return recorded;
    }

    it('reads forwards in commit order across streams, from a position (inclusive)', async () => {
      const prefix = uniquePrefix('all');
      const [e1, e2, e3, e4] = newEvents(4);
      const recorded = await appendSpread(prefix, [
        ['a', must(e1, 'e1')],
        ['b', must(e2, 'e2')],
        ['a', must(e3, 'e3')],
        ['c', must(e4, 'e4')],
      ]);
      expectStrictlyIncreasingPositions(recorded);
      expect(recorded.map((e) => `${e.streamId.slice(prefix.length)}:${e.revision}`)).toEqual([
        'a:0',
        'b:0',
        'a:1',
        'c:0',
      ]);
      const fromSecond = await store().readAll({
        fromPosition: must(recorded[1], 'recorded[1]').position,
        maxCount: 2,
        filter: { streamPrefixes: [prefix] },
      });
      expect(fromSecond.map((e) => e.id)).toEqual([must(e2, 'e2').id, must(e3, 'e3').id]);
      expect(must(fromSecond[0], 'fromSecond[0]').position).toEqual(must(recorded[1], 'recorded[1]').position);
    });

    it('reads backwards from the end, and from a position (exclusive, as EventStoreDB)', async () => {
      const prefix = uniquePrefix('all');
      const [e1, e2, e3] = newEvents(3);
      const recorded = await appendSpread(prefix, [
        ['a', must(e1, 'e1')],
        ['b', must(e2, 'e2')],
        ['a', must(e3, 'e3')],
      ]);
      const filter = { streamPrefixes: [prefix] };
      const fromEnd = await store().readAll({ direction: 'backwards', maxCount: 3, filter });
      expect(fromEnd.map((e) => e.id)).toEqual([must(e3, 'e3').id, must(e2, 'e2').id, must(e1, 'e1').id]);
      const beforeThird = await store().readAll({
        direction: 'backwards',
        fromPosition: must(recorded[2], 'recorded[2]').position,
        maxCount: 2,
        filter,
      });
      expect(beforeThird.map((e) => e.id)).toEqual([must(e2, 'e2').id, must(e1, 'e1').id]);
    });

    it('filters by event type prefixes', async () => {
      const prefix = uniquePrefix('all');
      const type = `T${prefix.replace(/-/g, '')}`;
      const created = newEvent(`${type}Created`);
      const renamed = newEvent(`${type}Renamed`);
      const other = newEvent(`Other${type}`);
      const deleted = newEvent(`${type}Deleted`);
      const recorded = await appendSpread(prefix, [
        ['a', created],
        ['a', renamed],
        ['b', other],
        ['b', deleted],
      ]);
      const read = (eventTypePrefixes: string[], maxCount?: number) =>
        store().readAll({
          fromPosition: must(recorded[0], 'recorded[0]').position,
          maxCount,
          filter: { eventTypePrefixes, streamPrefixes: [prefix] },
        });
      expect((await read([`${type}C`])).map((e) => e.id)).toEqual([created.id]);
      expect((await read([`${type}C`, `${type}D`])).map((e) => e.id)).toEqual([created.id, deleted.id]);
      expect((await read([type])).map((e) => e.id)).toEqual([created.id, renamed.id, deleted.id]);
      expect((await read([type], 2)).map((e) => e.id)).toEqual([created.id, renamed.id]);
      const typeOnly = await store().readAll({
        fromPosition: must(recorded[0], 'recorded[0]').position,
        filter: { eventTypePrefixes: [`${type}R`] },
      });
      expect(typeOnly.map((e) => e.id)).toEqual([renamed.id]);
    });

    it('filters by stream prefixes', async () => {
      const prefix = uniquePrefix('all');
      const [x1, y1, x2, z1] = newEvents(4);
      const recorded = await appendSpread(prefix, [
        ['x-1', must(x1, 'x1')],
        ['y-1', must(y1, 'y1')],
        ['x-2', must(x2, 'x2')],
        ['z-1', must(z1, 'z1')],
      ]);
      const read = (streamPrefixes: string[]) =>
        store().readAll({ fromPosition: must(recorded[0], 'recorded[0]').position, filter: { streamPrefixes } });
      expect((await read([`${prefix}x-`])).map((e) => e.id)).toEqual([must(x1, 'x1').id, must(x2, 'x2').id]);
      expect((await read([`${prefix}x-`, `${prefix}z-`])).map((e) => e.id)).toEqual([
        must(x1, 'x1').id,
        must(x2, 'x2').id,
        must(z1, 'z1').id,
      ]);
    });

    it('knows the head of the log', async () => {
      const prefix = uniquePrefix('head');
      const result = await store().append(`${prefix}a`, [newEvent('ThingCreated')]);
      const head = await store().headPosition();
      expect(head).not.toBeNull();
      expect(comparePositions(must(head, 'head'), result.position)).toBeGreaterThanOrEqual(0);
    });
  });
}
