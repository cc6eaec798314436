/** Contract: appending, expected revisions (optimistic concurrency) and idempotent re-appends. */
import type { EventStore } from '../event-store.port.js';
import { expectRejection, expectWrongExpectedVersion, newEvent, newEvents, uniquePrefix } from './contract-helpers.js';
import { must } from '../../must.js';

export function appendContract(store: () => EventStore): void {
  describe('append', () => {
    const stream = (label: string) => `${uniquePrefix('append')}${label}`;

    it('numbers the events of a stream from revision 0 and stores them as given', async () => {
      const id = stream('numbering');
      const events = [newEvent('ThingCreated', { n: 1, nested: { a: [1, 2] } }, { source: 'test' }), ...newEvents(2)];
      const result = await store().append(id, events, { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(2n);
      const read = await store().readStream(id);
      expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      expect(read.map((e) => e.id)).toEqual(events.map((e) => e.id));
      expect(read[0]).toMatchObject({
        streamId: id,
        type: 'ThingCreated',
        data: { n: 1, nested: { a: [1, 2] } },
        metadata: { source: 'test' },
      });
      expect(must(read[0], 'read[0]').createdAt).toBeInstanceOf(Date);
    });

    it('reports the position of the event it wrote', async () => {
      const id = stream('position');
      const result = await store().append(id, [newEvent('ThingCreated')]);
      const [recorded] = await store().readStream(id);
      expect(must(recorded, 'recorded').position).toEqual(result.position);
    });

    it('rejects a negative expected revision (no_stream is the constant, not -1)', async () => {
      expect(
        await expectRejection(store().append(stream('minus-one'), newEvents(1), { expectedRevision: -1n })),
      ).toBeInstanceOf(RangeError);
    });

    it('rejects an append without events', async () => {
      expect(await expectRejection(store().append(stream('empty'), []))).toBeInstanceOf(RangeError);
    });

    describe('expected revision', () => {
      it('no_stream: accepted when the stream does not exist', async () => {
        const result = await store().append(stream('ns-ok'), newEvents(1), { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(0n);
      });

      it('no_stream: rejected when the stream exists, and nothing is written', async () => {
        const id = stream('ns-bad');
        await store().append(id, newEvents(1));
        await expectWrongExpectedVersion(store().append(id, newEvents(1), { expectedRevision: 'no_stream' }), {
          streamId: id,
          expected: 'no_stream',
          actual: 0n,
        });
        expect(await store().readStream(id)).toHaveLength(1);
      });

      it('stream_exists: rejected when the stream does not exist', async () => {
        const id = stream('se-bad');
        await expectWrongExpectedVersion(store().append(id, newEvents(1), { expectedRevision: 'stream_exists' }), {
          streamId: id,
          expected: 'stream_exists',
          actual: 'no_stream',
        });
      });

      it('stream_exists: accepted when the stream exists', async () => {
        const id = stream('se-ok');
        await store().append(id, newEvents(2));
        const result = await store().append(id, newEvents(1), { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(2n);
      });

      it('any: accepted whether or not the stream exists', async () => {
        const id = stream('any');
        expect((await store().append(id, newEvents(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
        expect((await store().append(id, newEvents(2), { expectedRevision: 'any' })).nextExpectedRevision).toBe(2n);
        expect((await store().append(id, newEvents(1))).nextExpectedRevision).toBe(3n);
      });

      it('exact: accepted when it is the last revision', async () => {
        const id = stream('exact-ok');
        await store().append(id, newEvents(2));
        const result = await store().append(id, newEvents(2), { expectedRevision: 1n });
        expect(result.nextExpectedRevision).toBe(3n);
      });

      it('exact: rejected when the stream has moved on', async () => {
        const id = stream('exact-behind');
        await store().append(id, newEvents(2));
        await expectWrongExpectedVersion(store().append(id, newEvents(1), { expectedRevision: 0n }), {
          streamId: id,
          expected: 0n,
          actual: 1n,
        });
        expect(await store().readStream(id)).toHaveLength(2);
      });

      it('exact: rejected when it is ahead of the stream', async () => {
        const id = stream('exact-ahead');
        await store().append(id, newEvents(2));
        await expectWrongExpectedVersion(store().append(id, newEvents(1), { expectedRevision: 5n }), {
          streamId: id,
          expected: 5n,
          actual: 1n,
        });
      });

      it('exact: rejected when the stream does not exist', async () => {
        const id = stream('exact-missing');
        await expectWrongExpectedVersion(store().append(id, newEvents(1), { expectedRevision: 0n }), {
          streamId: id,
          expected: 0n,
          actual: 'no_stream',
        });
      });
    });

    describe('re-appending the same event ids', () => {
      it('with no_stream again: succeeds and writes nothing', async () => {
        const id = stream('idem-ns');
        const events = newEvents(2);
        const first = await store().append(id, events, { expectedRevision: 'no_stream' });
        const again = await store().append(id, events, { expectedRevision: 'no_stream' });
        expect(again).toEqual(first);
        expect((await store().readStream(id)).map((e) => e.id)).toEqual(events.map((e) => e.id));
      });

      it('with the same exact revision: succeeds and writes nothing', async () => {
        const id = stream('idem-exact');
        const [a, b, c] = newEvents(3);
        await store().append(id, [must(a, 'a')]);
        const first = await store().append(id, [must(b, 'b'), must(c, 'c')], { expectedRevision: 0n });
        const again = await store().append(id, [must(b, 'b'), must(c, 'c')], { expectedRevision: 0n });
        expect(again).toEqual(first);
        expect((await store().readStream(id)).map((e) => e.id)).toEqual([
          must(a, 'a').id,
          must(b, 'b').id,
          must(c, 'c').id,
        ]);
      });

      it('with any: succeeds and writes nothing', async () => {
        const id = stream('idem-any');
        const events = newEvents(1);
        await store().append(id, events, { expectedRevision: 'any' });
        const again = await store().append(id, events, { expectedRevision: 'any' });
        expect(again.nextExpectedRevision).toBe(0n);
        expect(await store().readStream(id)).toHaveLength(1);
      });

      it('after the stream has moved on, with the original expected revision: succeeds and writes nothing', async () => {
        const id = stream('idem-later');
        const [a, b, c, d] = newEvents(4);
        await store().append(id, [must(a, 'a'), must(b, 'b')], { expectedRevision: 'no_stream' });
        await store().append(id, [must(c, 'c')], { expectedRevision: 1n });
        await store().append(id, [must(d, 'd')], { expectedRevision: 2n });
        expect(
          (await store().append(id, [must(a, 'a'), must(b, 'b')], { expectedRevision: 'no_stream' }))
            .nextExpectedRevision,
        ).toBe(1n);
        expect((await store().append(id, [must(c, 'c')], { expectedRevision: 1n })).nextExpectedRevision).toBe(2n);
        expect((await store().readStream(id)).map((e) => e.id)).toEqual([
          must(a, 'a').id,
          must(b, 'b').id,
          must(c, 'c').id,
          must(d, 'd').id,
        ]);
      });

      it('with the current revision as expected: appends the ids again (EventStoreDB checks nothing then)', async () => {
        const id = stream('idem-current');
        const [a] = newEvents(1);
        await store().append(id, [must(a, 'a')], { expectedRevision: 'no_stream' });
        const again = await store().append(id, [must(a, 'a')], { expectedRevision: 0n });
        expect(again.nextExpectedRevision).toBe(1n);
        expect((await store().readStream(id)).map((e) => [e.id, e.revision])).toEqual([
          [must(a, 'a').id, 0n],
          [must(a, 'a').id, 1n],
        ]);
      });

      it('with any, a batch of [new, already stored]: appends both, as the first id is new', async () => {
        const id = stream('idem-any-new-first');
        const [stored, fresh] = newEvents(2);
        await store().append(id, [must(stored, 'stored')]);
        const result = await store().append(id, [must(fresh, 'fresh'), must(stored, 'stored')], {
          expectedRevision: 'any',
        });
        expect(result.nextExpectedRevision).toBe(2n);
        expect((await store().readStream(id)).map((e) => e.id)).toEqual([
          must(stored, 'stored').id,
          must(fresh, 'fresh').id,
          must(stored, 'stored').id,
        ]);
      });

      it('with any, a batch of [already stored, new]: a WrongExpectedVersion, and nothing is written', async () => {
        const id = stream('idem-any-stored-first');
        const [stored, fresh] = newEvents(2);
        await store().append(id, [must(stored, 'stored')]);
        await expectWrongExpectedVersion(
          store().append(id, [must(stored, 'stored'), must(fresh, 'fresh')], { expectedRevision: 'any' }),
          {
            streamId: id,
            expected: 'any',
            actual: 0n,
          },
        );
        expect(await store().readStream(id)).toHaveLength(1);
      });

      it('with stream_exists, every id stored: succeeds, answers the revision of the last one, writes nothing', async () => {
        const id = stream('idem-exists');
        const [a, b, c] = newEvents(3);
        await store().append(id, [must(a, 'a'), must(b, 'b')]);
        const first = await store().append(id, [must(c, 'c')]);
        expect(
          await store().append(id, [must(a, 'a'), must(b, 'b')], { expectedRevision: 'stream_exists' }),
        ).toMatchObject({
          nextExpectedRevision: 1n,
        });
        expect(await store().append(id, [must(c, 'c')], { expectedRevision: 'stream_exists' })).toEqual(first);
        expect(await store().readStream(id)).toHaveLength(3);
      });

      it('an id already stored in another stream is appended: idempotency is per stream', async () => {
        const [shared] = newEvents(1);
        const first = stream('idem-shared-1');
        const second = stream('idem-shared-2');
        const third = stream('idem-shared-3');
        await store().append(first, [must(shared, 'shared')]);
        expect(
          (await store().append(second, [must(shared, 'shared')], { expectedRevision: 'any' })).nextExpectedRevision,
        ).toBe(0n);
        expect(
          (await store().append(third, [must(shared, 'shared')], { expectedRevision: 'no_stream' }))
            .nextExpectedRevision,
        ).toBe(0n);
        for (const id of [first, second, third])
          expect((await store().readStream(id)).map((e) => e.id)).toEqual([must(shared, 'shared').id]);
      });

      it('a batch that is only partly stored is a WrongExpectedVersion, and nothing is written', async () => {
        const id = stream('idem-partial');
        const [a, b, fresh] = newEvents(3);
        await store().append(id, [must(a, 'a'), must(b, 'b')], { expectedRevision: 'no_stream' });
        await expectWrongExpectedVersion(
          store().append(id, [must(b, 'b'), must(fresh, 'fresh')], { expectedRevision: 0n }),
          {
            streamId: id,
            expected: 0n,
            actual: 1n,
          },
        );
        expect(await store().readStream(id)).toHaveLength(2);
      });
    });
  });
}
