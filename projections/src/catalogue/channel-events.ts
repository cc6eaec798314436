/**
 * Facts about a channel, on its stream `twitch-channel-<broadcasterId>`.
 * `raw`, `user`, `channel`, `stream`, `video` and `clip` hold the Helix objects exactly as Twitch
 * returned them: unknown fields are kept (loose objects), so analysts can use fields no
 * projection reads yet. When the fact happened is `metadata.fetchedAt` unless a field says so.
 */
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

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

/** GET /subscriptions with the broadcaster's own token: the subscriber total and points. */
export const SubscriberCountFetchedV1 = z.object({
  broadcasterId: z.string().min(1),
  total: z.number().int().nonnegative(),
  points: z.number().int().nonnegative(),
  /** The Helix response body without its data list and pagination cursor. */
  raw: z.looseObject({ total: z.number(), points: z.number() }),
});

/** Subscriptions could not be read for this channel (no connected token, or the scope is missing). */
export const SubscriberCountUnavailableV1 = z.object({
  broadcasterId: z.string().min(1),
  reason: z.enum(['not_connected', 'missing_scope', 'token_revoked']),
});

/** GET /streams found the channel live: one sample of the stream (viewer count, game, title, tags). */
export const LiveStreamSampledV1 = z.object({
  broadcasterId: z.string().min(1),
  stream: z.looseObject({
    id: z.string(),
    user_id: z.string(),
    viewer_count: z.number().int().nonnegative(),
    started_at: isoTime,
    game_id: z.string().optional(),
    game_name: z.string().optional(),
    title: z.string().optional(),
    tags: z.array(z.string()).nullable().optional(),
  }),
});

/** A later GET /streams found the channel offline after a sampled stream: that stream has ended. */
export const StreamWentOfflineV1 = z.object({
  broadcasterId: z.string().min(1),
  streamId: z.string().min(1),
  /** The stream's start, as Twitch reported it. */
  startedAt: isoTime,
  /** The last sample that still saw it live: the stream ended between this and `fetchedAt`. */
  lastSampledAt: isoTime,
});

/** GET /videos: a video (archive, highlight, upload) that is new or whose view count changed. */
export const VideoStatsFetchedV1 = z.object({
  broadcasterId: z.string().min(1),
  video: z.looseObject({
    id: z.string(),
    user_id: z.string(),
    created_at: isoTime,
    published_at: z.string().optional(),
    view_count: z.number().int().nonnegative(),
    type: z.string().optional(),
    duration: z.string().optional(),
    title: z.string().optional(),
    stream_id: z.string().nullable().optional(),
  }),
});

/** GET /clips: a clip that is new or whose view count changed. */
export const ClipStatsFetchedV1 = z.object({
  broadcasterId: z.string().min(1),
  clip: z.looseObject({
    id: z.string(),
    broadcaster_id: z.string(),
    created_at: isoTime,
    view_count: z.number().int().nonnegative(),
    game_id: z.string().optional(),
    title: z.string().optional(),
    duration: z.number().optional(),
    video_id: z.string().optional(),
  }),
});

/** What a media check fetched: a channel's videos, its clips since the last check, or its most viewed clips. */
export const mediaChecks = ['videos', 'recent-clips', 'top-clips'] as const;
export type MediaCheck = (typeof mediaChecks)[number];

/**
 * A collection checked a channel's videos or clips, recorded even when nothing changed: the write
 * side fetches media only where something can have changed, so it must know when each was last
 * checked, and an analyst can tell "fetched, unchanged" from "not fetched".
 * - `videos`: GET /videos?user_id (every type, the look-back window);
 * - `recent-clips`: GET /clips in a window from shortly before the previous check;
 * - `top-clips`: GET /clips without dates, the channel's most viewed (the long tail, Helix's order).
 */
export const ChannelMediaCheckedV1 = z.object({
  broadcasterId: z.string().min(1),
  media: z.enum(mediaChecks),
  /** Items Twitch returned. */
  items: z.number().int().nonnegative(),
  /** Items recorded (VideoStatsFetched / ClipStatsFetched) because they were new or changed. */
  recorded: z.number().int().nonnegative(),
  /**
   * Items recorded before whose view count rose; for top clips, only clips past the recent-clips
   * look-back gaining at least 2 % of their views a day (the long tail "gaining lately").
   */
  grown: z.number().int().nonnegative(),
});
