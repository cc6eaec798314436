/** Which channels the write side collects, from the account-link events alone. */
import { connectedChannelsOf, subscriptionAccessOf } from './connected-channels.js';

const linked = (userId: string, broadcasterId: string, scopes: string[]) => ({
  type: 'TwitchAccountLinked',
  data: { userId, broadcasterId, login: 'x', displayName: 'X', scopes, linkedAt: '2026-02-10T00:00:00Z' },
});
const unlinked = (userId: string, broadcasterId: string) => ({
  type: 'TwitchAccountUnlinked',
  data: { userId, broadcasterId, unlinkedAt: '2026-02-11T00:00:00Z' },
});

describe('connectedChannelsOf', () => {
  it('keeps a channel while any account links it, with the scopes of its latest link', () => {
    const channels = connectedChannelsOf([
      linked('a', '1', []),
      linked('b', '1', ['channel:read:subscriptions']),
      linked('a', '2', []),
      unlinked('a', '1'),
      unlinked('a', '2'),
      { type: 'ChannelTimeZoneSet', data: {} },
    ]);
    expect(channels).toEqual([{ broadcasterId: '1', userIds: ['b'], scopes: ['channel:read:subscriptions'] }]);
  });

  it('reads subscriptions with the broadcaster token only when the link has the scope', () => {
    expect(
      subscriptionAccessOf({ broadcasterId: '1', userIds: ['a'], scopes: ['channel:read:subscriptions'] }),
    ).toEqual({ kind: 'broadcaster-token' });
    expect(subscriptionAccessOf({ broadcasterId: '1', userIds: ['a'], scopes: ['moderator:read:followers'] })).toEqual({
      kind: 'none',
      reason: 'missing_scope',
    });
    expect(subscriptionAccessOf(undefined)).toEqual({ kind: 'none', reason: 'not_connected' });
  });
});
