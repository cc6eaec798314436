import { dealChannels, partitionOfEvent, partitionsByChannel } from './channel-partition.js';
import { must } from '../../must.js';
import { stringContaining } from '../../testing/matchers.js';

describe('dealing channels to the partitions of a replay', () => {
  it('gives each partition about the same number of events, largest channels first', () => {
    const weights = new Map([
      ['a', 50],
      ['b', 40],
      ['c', 30],
      ['d', 20],
      ['e', 10],
      ['f', 10],
    ]);
    const deal = dealChannels(weights, 2);
    expect(deal).toEqual([
      ['a', 'd', 'e'],
      ['b', 'c', 'f'],
    ]);
    const load = deal.map((channels) => channels.reduce((sum, c) => sum + must(weights.get(c), 'weights.get(c)'), 0));
    expect(load).toEqual([80, 80]);
  });

  it('deals the same way for the same weights, whatever their order (ties by id)', () => {
    const entries: Array<[string, number]> = Array.from({ length: 200 }, (_, i) => [
      String(41_000 + i * 7),
      100 + ((i * 37) % 50),
    ]);
    const one = dealChannels(new Map(entries), 3);
    const other = dealChannels(new Map([...entries].reverse()), 3);
    expect(other).toEqual(one);
    const loads = one.map((channels) =>
      channels.reduce((sum, c) => sum + must(new Map(entries).get(c), 'new Map(entries).get(c)'), 0),
    );
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(150); // within the largest channel's weight
  });
});

describe('the partition of an event', () => {
  const owners = partitionsByChannel([['12'], ['13']]);

  it("is its channel's, whichever stream records it; a channel not dealt belongs to partition 0", () => {
    expect(partitionOfEvent({ streamId: 'twitch-channel-13', data: { broadcasterId: '13' } }, owners)).toBe(1);
    expect(
      partitionOfEvent({ streamId: 'account-user_1', data: { broadcasterId: '13', timeZone: 'UTC' } }, owners),
    ).toBe(1);
    expect(partitionOfEvent({ streamId: 'twitch-channel-99', data: { broadcasterId: '99' } }, owners)).toBe(0);
    expect(partitionOfEvent({ streamId: 'collection-job-1', data: { jobId: '1' } }, owners)).toBe(0);
  });

  it('refuses a channel event that names another channel', () => {
    expect(partitionOfEvent({ streamId: 'twitch-channel-12', data: { broadcasterId: '13' } }, owners)).toEqual({
      mismatch: stringContaining('"13" is not the channel of its stream twitch-channel-12'),
    });
  });
});
