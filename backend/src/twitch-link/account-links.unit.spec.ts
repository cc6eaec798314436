import { currentLinks } from './account-links.js';

const linked = (broadcasterId: string, linkedAt: string, extra: Record<string, unknown> = {}) => ({
  type: 'TwitchAccountLinked',
  data: {
    userId: 'u',
    broadcasterId,
    login: `login${broadcasterId}`,
    displayName: `Name${broadcasterId}`,
    scopes: ['a'],
    linkedAt,
    ...extra,
  },
});
const unlinked = (broadcasterId: string) => ({
  type: 'TwitchAccountUnlinked',
  data: { userId: 'u', broadcasterId, unlinkedAt: '2026-01-03T00:00:00Z' },
});
const timeZone = (broadcasterId: string, tz: string) => ({
  type: 'ChannelTimeZoneSet',
  data: { userId: 'u', broadcasterId, timeZone: tz, setAt: '2026-01-02T00:00:00Z' },
});

describe('currentLinks (given account events, then links)', () => {
  it('is empty for a new account', () => {
    expect(currentLinks([])).toEqual([]);
  });

  it('lists linked channels in link order with their time zone', () => {
    const links = currentLinks([
      linked('1', '2026-01-01T00:00:00Z'),
      linked('2', '2026-01-02T00:00:00Z'),
      timeZone('2', 'Europe/Berlin'),
    ]);
    expect(links.map((l) => [l.broadcasterId, l.timeZone])).toEqual([
      ['1', null],
      ['2', 'Europe/Berlin'],
    ]);
  });

  it('a re-link refreshes scopes and names but keeps the first link time and the time zone', () => {
    const [link] = currentLinks([
      linked('1', '2026-01-01T00:00:00Z'),
      timeZone('1', 'UTC'),
      linked('1', '2026-02-01T00:00:00Z', { scopes: ['a', 'b'], displayName: 'Renamed' }),
    ]);
    expect(link).toMatchObject({
      linkedAt: '2026-01-01T00:00:00Z',
      scopes: ['a', 'b'],
      displayName: 'Renamed',
      timeZone: 'UTC',
    });
  });

  it('an unlink removes the channel, and a later link starts afresh', () => {
    expect(currentLinks([linked('1', '2026-01-01T00:00:00Z'), timeZone('1', 'UTC'), unlinked('1')])).toEqual([]);
    const [again] = currentLinks([
      linked('1', '2026-01-01T00:00:00Z'),
      timeZone('1', 'UTC'),
      unlinked('1'),
      linked('1', '2026-03-01T00:00:00Z'),
    ]);
    expect(again).toMatchObject({ linkedAt: '2026-03-01T00:00:00Z', timeZone: null });
  });

  it('ignores a time zone for a channel that is not linked', () => {
    expect(currentLinks([timeZone('9', 'UTC')])).toEqual([]);
  });
});
