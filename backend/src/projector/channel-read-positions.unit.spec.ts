import type { TableSpec } from '@creatorsync/projections';
import { changedChannels, NO_CHANNEL, parsePositionNotice, positionNotice } from './channel-read-positions.js';

const daily: TableSpec = {
  name: 'daily',
  primaryKey: ['channel_id', 'day'],
  columns: { channel_id: 'text', day: 'date' },
};
const games: TableSpec = { name: 'games', primaryKey: ['game_id'], columns: { game_id: 'text', channel_id: 'text' } };

describe('changedChannels', () => {
  it('names the channels of changed and deleted rows, from their keys, once each and sorted', () => {
    expect(
      changedChannels([
        {
          spec: daily,
          deleteKeys: [
            { channel_id: '9', day: '2026-12-01' },
            { channel_id: '3', day: '2026-12-01' },
          ],
          inserts: [],
        },
        {
          spec: daily,
          deleteKeys: [],
          inserts: [
            { channel_id: '3', day: '2026-12-02' },
            { channel_id: '12', day: '2026-12-02' },
          ],
        },
      ]),
    ).toEqual(['12', '3', '9']);
  });

  it("gives a table whose key has no channel_id to no channel (''), even if a column is called so", () => {
    expect(changedChannels([{ spec: games, deleteKeys: [], inserts: [{ game_id: '1', channel_id: '5' }] }])).toEqual([
      NO_CHANNEL,
    ]);
    expect(changedChannels([])).toEqual([]);
  });
});

describe('position notices', () => {
  it('carry the build, the position and the channels, and read back as they were', () => {
    const notice = { buildId: 7, position: '12-3', channels: ['', '42'] };
    expect(parsePositionNotice(positionNotice(notice))).toEqual(notice);
  });

  it('say "channels not listed" (null) when the list would not fit in a notification (under 8000 bytes)', () => {
    const channels = Array.from({ length: 2000 }, (_, i) => String(100_000_000 + i));
    const payload = positionNotice({ buildId: 7, position: '12-3', channels });
    expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    expect(parsePositionNotice(payload)).toEqual({ buildId: 7, position: '12-3', channels: null });
  });

  it.each(['', 'not json', '[7,"12-3"]', '["7","12-3",[]]', '[7,"12-3",[1]]', '{}'])(
    'reads nothing from %p',
    (payload) => {
      expect(parsePositionNotice(payload)).toBeUndefined();
    },
  );
});
