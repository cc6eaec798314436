/**
 * Contract: payloads come back exactly as written. Whatever JSON.parse accepts (the raw Helix
 * object) is what an event holds, so these payloads are parsed from JSON text, as Twitch's would
 * be, and compared as JSON text, which also compares key order (toEqual would not).
 */
import type { EventStore, NewEvent } from '../event-store.port.js';
import { newEvent, uniquePrefix } from './contract-helpers.js';
import { must } from '../../must.js';

/** Strings Twitch may send that jsonb refuses (\u0000, lone UTF-16 surrogates), and keys in no sorted order. */
const AWKWARD_JSON = String.raw`{
  "zeta": "nul \u0000 inside", "alpha": "lone high \ud800 end", "mid": "lone low \udc00, reversed \udc00\ud800",
  "10": "an index-like key", "b": { "z": 1, "a": [ { "y": null, "x": true } ], "": "empty key" },
  "emoji": "\ud83d\ude00", "number": 1.5e300, "negative zero": -0
}`;

export function payloadContract(store: () => EventStore): void {
  describe('payloads', () => {
    const stream = (label: string) => `${uniquePrefix('payload')}${label}`;

    async function roundTrip(event: NewEvent): Promise<void> {
      const id = stream('rt');
      const result = await store().append(id, [event]);
      const [fromStream] = await store().readStream(id);
      const [fromAll] = await store().readAll({ fromPosition: result.position, maxCount: 1 });
      for (const read of [must(fromStream, 'fromStream'), must(fromAll, 'fromAll')]) {
        expect(read.id).toBe(event.id);
        expect(JSON.stringify(read.data)).toBe(JSON.stringify(event.data));
        expect(JSON.stringify(read.metadata)).toBe(JSON.stringify(event.metadata));
      }
    }

    it('keeps U+0000, lone surrogate escapes and key order, in data and metadata', async () => {
      const data = JSON.parse(AWKWARD_JSON) as Record<string, unknown>;
      expect(data.zeta).toContain('\u0000');
      await roundTrip(newEvent('AwkwardFetched', data, { ...data, source: 'test' }));
    });

    it('stores an event over 1 MiB whole', async () => {
      const big = { items: Array.from({ length: 1200 }, (_, i) => ({ i, text: `${'x'.repeat(900)}\u0000${i}` })) };
      expect(JSON.stringify(big).length).toBeGreaterThan(1024 * 1024);
      await roundTrip(newEvent('BigFetched', big));
    });
  });
}
