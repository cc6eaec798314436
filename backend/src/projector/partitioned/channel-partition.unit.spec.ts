import { partitionOfChannel, partitionOfEvent } from './channel-partition.js';

describe('the partition of an event in a replay split by channel', () => {
  it('is the same for every event of a channel, whichever stream records it', () => {
    for (const id of ['41245072', '12826', '7', 'ch_x']) {
      const byStream = partitionOfEvent({ streamId: `twitch-channel-${id}`, data: { broadcasterId: id } }, 2);
      const byAccount = partitionOfEvent({ streamId: 'account-user_1', data: { broadcasterId: id, timeZone: 'UTC' } }, 2);
      expect(byAccount).toBe(byStream);
      expect(byStream).toBe(partitionOfChannel(id, 2));
    }
  });

  it('splits numeric ids by their last digit', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => partitionOfChannel(`1000${d}`, 2))).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(partitionOfChannel('', 3)).toBe(0);
  });

  it('puts events of no channel in partition 0, and refuses a channel event that names another channel', () => {
    expect(partitionOfEvent({ streamId: 'collection-job-1', data: { jobId: '1' } }, 2)).toBe(0);
    expect(partitionOfEvent({ streamId: 'twitch-channel-12', data: { broadcasterId: '13' } }, 2)).toEqual({ mismatch: expect.stringContaining('"13" is not the channel of its stream twitch-channel-12') });
  });
});

describe('the partition of a channel id', () => {
  it('takes the last character as PostgreSQL does (a code point, not half of a surrogate pair)', () => {
    expect(partitionOfChannel('a😀', 1000)).toBe(0x1f600 % 1000);
    expect(partitionOfChannel('é', 1000)).toBe(0xe9 % 1000);
  });
});
