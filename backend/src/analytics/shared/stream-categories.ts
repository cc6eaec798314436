/**
 * The categories (games) a stream session was in, from `stream_sessions.games` (jsonb, written by
 * the stream-sessions projection). Read tolerantly: an element may be a name, or an object naming
 * the game by id and/or name in camelCase or Helix's snake_case.
 */
export interface StreamCategory {
  id: string | null;
  name: string | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;

export function streamCategories(games: unknown): StreamCategory[] {
  if (!Array.isArray(games)) return [];
  return games.flatMap((game): StreamCategory[] => {
    if (typeof game === 'string') return [{ id: null, name: game }];
    if (!game || typeof game !== 'object') return [];
    const g = game as Record<string, unknown>;
    const category = { id: text(g.gameId ?? g.game_id ?? g.id), name: text(g.gameName ?? g.game_name ?? g.name) };
    return category.id === null && category.name === null ? [] : [category];
  });
}
