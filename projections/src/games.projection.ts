/**
 * games: Twitch categories by id, with their name and box art, from their latest metadata fetch.
 *
 *   GameMetadataFetched → the row is replaced, unless a later fetch is already recorded.
 */
import { defineProjection, type TableSpec } from './projection.js';
import { isoTime } from './time.js';

export const gamesTable = {
  name: 'games',
  primaryKey: ['game_id'],
  columns: { game_id: 'text', name: 'text', box_art_url: 'text', fetched_at: 'timestamptz' },
} as const satisfies TableSpec;

const TABLE = gamesTable.name;

export const games = defineProjection({
  name: 'games',
  version: 1,
  handles: ['GameMetadataFetched'],
  tables: [gamesTable],

  rowsToLoad: (event) => [{ table: TABLE, key: { game_id: event.data.gameId } }],

  apply(event, rows) {
    // The one event this projection handles (see `handles`).
    const fetchedAt = isoTime(event.metadata.fetchedAt);
    const existing = rows.get<{ fetched_at: string }>(TABLE, { game_id: event.data.gameId });
    if (existing && existing.fetched_at > fetchedAt) return;
    const boxArt = event.data.game.box_art_url;
    rows.put(TABLE, {
      game_id: event.data.gameId,
      name: event.data.game.name,
      box_art_url: typeof boxArt === 'string' && boxArt !== '' ? boxArt : null,
      fetched_at: fetchedAt,
    });
  },
});
