/**
 * The decode's fast path depends on a Zod internal (see fast-parse.ts); `zod` is pinned to a patch
 * range, and this test fails when an upgrade takes the path away from any event of the catalogue.
 */
import { eventCatalogue } from '../catalogue/event-catalogue.js';
import { fastPathsOf } from './fast-parse.js';

/** Events whose schema has a custom check (a refine may change nothing, but cannot be proven not to). */
const COPIED = new Set(['ChannelTimeZoneSet']);

describe('the decode fast path', () => {
  it.each(Object.keys(eventCatalogue))('is taken for %s', (type) => {
    const { schema } = eventCatalogue[type as keyof typeof eventCatalogue];
    expect(fastPathsOf(schema)).toEqual({ internalValidator: true, noCopy: !COPIED.has(type) });
  });
});
