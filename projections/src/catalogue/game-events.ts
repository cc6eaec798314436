/** Facts about a Twitch category, on its stream `twitch-game-<gameId>`. */
import { z } from 'zod';

/** GET /games for a game seen in a stream, clip or channel: its name and box art, as returned. */
export const GameMetadataFetchedV1 = z.object({
  gameId: z.string().min(1),
  game: z.looseObject({ id: z.string(), name: z.string() }),
});
