/**
 * Facts about a channel, on its stream `twitch-channel-<broadcasterId>`.
 * `raw`, `user` and `channel` hold the Helix objects exactly as Twitch returned them:
 * unknown fields are kept (loose objects), so analysts can use fields no projection reads yet.
 */
import { z } from 'zod';

/** GET /users (and GET /channels when fetched together): who the channel is. */
export const ChannelProfileFetchedV1 = z.object({
  broadcasterId: z.string().min(1),
  user: z.looseObject({ id: z.string(), login: z.string(), display_name: z.string() }),
  channel: z.looseObject({ broadcaster_id: z.string() }).optional(),
});

/** GET /channels/followers?first=1: the follower total (the follower list itself is not recorded). */
export const FollowerCountFetchedV1 = z.object({
  broadcasterId: z.string().min(1),
  total: z.number().int().nonnegative(),
  /** The Helix response body without its pagination cursor. */
  raw: z.looseObject({ total: z.number() }),
});
