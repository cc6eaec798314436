import { games } from './games.projection.js';

import { event, project } from './testing/project-events.js';

const fetched = (name: string, at: string) =>
  event(
    'GameMetadataFetched',
    { gameId: '27471', game: { id: '27471', name, box_art_url: 'https://box/27471-{width}x{height}.jpg' } },
    at,
  );

describe('games projection', () => {
  it('given metadata fetches, then the latest name and box art, whatever the order they were recorded in', () => {
    const rows = project(games, [
      fetched('Minecraft (2011)', '2026-06-02T00:00:00.000Z'),
      fetched('Minecraft', '2026-06-01T00:00:00.000Z'),
    ]).rows('games');
    expect(rows).toEqual([
      {
        game_id: '27471',
        name: 'Minecraft (2011)',
        box_art_url: 'https://box/27471-{width}x{height}.jpg',
        fetched_at: '2026-06-02T00:00:00.000Z',
      },
    ]);
  });
});
