import { ifNoneMatchMatches, readModelEtag, type EtagInput } from './etag.js';

const base: EtagInput = {
  readModelVersion: 'account-channels:1:9-2',
  channelPositions: 'channel-analytics:3:@-,channel-analytics:3:42@10-5',
  userId: 'u1',
  path: '/api/analytics/charts',
  query: { days: '90' },
  day: '2026-11-25',
};

describe('readModelEtag', () => {
  it('is a quoted strong tag, the same for the same inputs whatever the parameter order', () => {
    const tag = readModelEtag(base);
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(readModelEtag({ ...base, query: { channel: '1', days: '90' } })).toBe(
      readModelEtag({ ...base, query: { days: '90', channel: '1' } }),
    );
  });

  it.each([
    ['the channel-access projections move', { readModelVersion: 'account-channels:1:9-3' }],
    ["a channel's rows move", { channelPositions: 'channel-analytics:3:@-,channel-analytics:3:42@10-6' }],
    ['a rebuild switches builds', { channelPositions: 'channel-analytics:4:@-,channel-analytics:4:42@-' }],
    ['another user asks', { userId: 'u2' }],
    ['another path', { path: '/api/analytics/overview' }],
    ['another parameter value', { query: { days: '30' } }],
    ['the day changes', { day: '2026-11-26' }],
  ])('changes when %s', (_what, change) => {
    expect(readModelEtag({ ...base, ...change })).not.toBe(readModelEtag(base));
  });
});

describe('ifNoneMatchMatches', () => {
  const tag = '"abc"';
  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abd"', false],
    ['', false],
  ])('%s → %s', (header, expected) => {
    expect(ifNoneMatchMatches(header, tag)).toBe(expected);
  });

  it('is false without the header', () => {
    expect(ifNoneMatchMatches(undefined, tag)).toBe(false);
  });
});
