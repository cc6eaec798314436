import type { TableSpec } from '@creatorsync/projections';
import { changedChannels, NO_CHANNEL } from './channel-read-positions.js';

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
