import { subscriberAccess } from './subscriber-access.projection.js';
import { event, project } from './testing/project-events.js';

const unavailable = (reason: 'not_connected' | 'missing_scope' | 'token_revoked', at: string) =>
  event('SubscriberCountUnavailable', { broadcasterId: '1', reason }, at);
const fetched = (at: string) =>
  event('SubscriberCountFetched', { broadcasterId: '1', total: 5, points: 6, raw: { total: 5, points: 6 } }, at);

describe('subscriber-access projection', () => {
  it('given fetches and unavailability, then the latest state, its reason and since when it holds', () => {
    const rows = (events: Parameters<typeof project>[1]) => project(subscriberAccess, events).rows('subscriber_access');
    expect(
      rows([
        unavailable('missing_scope', '2026-06-01T00:00:00.000Z'),
        unavailable('missing_scope', '2026-06-02T00:00:00.000Z'),
      ]),
    ).toEqual([
      {
        channel_id: '1',
        available: false,
        reason: 'missing_scope',
        since: '2026-06-01T00:00:00.000Z',
        fetched_at: '2026-06-02T00:00:00.000Z',
      },
    ]);
    expect(
      rows([
        fetched('2026-06-01T00:00:00.000Z'),
        unavailable('token_revoked', '2026-06-03T00:00:00.000Z'),
        fetched('2026-06-02T00:00:00.000Z'), // recorded late: the newer state stays
      ]),
    ).toMatchObject([{ available: false, reason: 'token_revoked', since: '2026-06-03T00:00:00.000Z' }]);
  });
});
