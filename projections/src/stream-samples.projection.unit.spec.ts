import { streamSamples } from './stream-samples.projection.js';
import { GAME, sample } from './testing/channel-events.js';
import { project } from './testing/project-events.js';

const START = '2026-06-01T20:00:00Z';

describe('stream-samples projection', () => {
  it('given live samples, then one row per sample with viewers, game and title; a repeated sample is one row', () => {
    const first = sample('1', 's1', START, '2026-06-01T20:10:00.000Z', 100, GAME.minecraft, 'Chill');
    const rows = project(streamSamples, [
      first,
      sample('1', 's1', START, '2026-06-01T20:20:00.000Z', 140, GAME.valorant, 'Ranked'),
      first, // an overlapping poller recorded the same fetch again
      sample('2', 's9', START, '2026-06-01T20:10:00.000Z', 7, GAME.minecraft, 'Other channel'),
    ]).rows('stream_samples');
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          channel_id: '1',
          stream_id: 's1',
          sampled_at: '2026-06-01T20:10:00.000Z',
          viewers: 100,
          game_id: GAME.minecraft[0],
          game_name: GAME.minecraft[1],
          title: 'Chill',
        }),
        expect.objectContaining({
          stream_id: 's1',
          sampled_at: '2026-06-01T20:20:00.000Z',
          viewers: 140,
          title: 'Ranked',
        }),
        expect.objectContaining({ channel_id: '2', stream_id: 's9', viewers: 7 }),
      ]),
    );
    expect(rows).toHaveLength(3);
  });
});
