/**
 * Helix objects as the client returns them: the fields the client relies on are checked, the
 * others are optional (Twitch omits some at times), and unknown fields pass through untouched so
 * events can store exactly what Twitch returned.
 */
import { z } from 'zod';

const optionalString = z.string().optional();
const stringList = z.array(z.string()).nullable().optional();

export const helixUserSchema = z.looseObject({
  id: z.string(),
  login: z.string(),
  display_name: z.string(),
  type: optionalString,
  broadcaster_type: optionalString,
  description: optionalString,
  profile_image_url: optionalString,
  offline_image_url: optionalString,
  /** Deprecated by Twitch: its values are invalid. */
  view_count: z.number().optional(),
  email: optionalString,
  created_at: optionalString,
});

export const helixChannelSchema = z.looseObject({
  broadcaster_id: z.string(),
  broadcaster_login: z.string(),
  broadcaster_name: z.string(),
  broadcaster_language: optionalString,
  game_id: optionalString,
  game_name: optionalString,
  title: optionalString,
  delay: z.number().optional(),
  tags: stringList,
  content_classification_labels: stringList,
  is_branded_content: z.boolean().optional(),
});

export const helixFollowerSchema = z.looseObject({
  user_id: z.string(),
  user_login: optionalString,
  user_name: optionalString,
  followed_at: z.string(),
});

export const helixSubscriptionSchema = z.looseObject({
  user_id: z.string(),
  tier: optionalString,
  is_gift: z.boolean().optional(),
});

export const helixStreamSchema = z.looseObject({
  id: z.string(),
  user_id: z.string(),
  user_login: optionalString,
  user_name: optionalString,
  game_id: optionalString,
  game_name: optionalString,
  type: optionalString,
  title: optionalString,
  viewer_count: z.number(),
  started_at: z.string(),
  language: optionalString,
  tags: stringList,
});

export const helixVideoSchema = z.looseObject({
  id: z.string(),
  stream_id: z.string().nullable().optional(),
  user_id: z.string(),
  title: optionalString,
  created_at: z.string(),
  published_at: optionalString,
  view_count: z.number().optional(),
  type: optionalString,
  /** Like "3h2m21s". */
  duration: optionalString,
});

export const helixClipSchema = z.looseObject({
  id: z.string(),
  broadcaster_id: z.string(),
  video_id: optionalString,
  game_id: optionalString,
  title: optionalString,
  view_count: z.number(),
  created_at: z.string(),
  duration: z.number().optional(),
  vod_offset: z.number().nullable().optional(),
});

export const helixGameSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  box_art_url: optionalString,
  igdb_id: optionalString,
});

export type HelixUser = z.infer<typeof helixUserSchema>;
export type HelixChannel = z.infer<typeof helixChannelSchema>;
export type HelixFollower = z.infer<typeof helixFollowerSchema>;
export type HelixSubscription = z.infer<typeof helixSubscriptionSchema>;
export type HelixStream = z.infer<typeof helixStreamSchema>;
export type HelixVideo = z.infer<typeof helixVideoSchema>;
export type HelixClip = z.infer<typeof helixClipSchema>;
export type HelixGame = z.infer<typeof helixGameSchema>;

const pagination = z.looseObject({ cursor: z.string().optional() }).optional();

/** `{ data: [...], pagination?: { cursor? } }` plus any extra top-level fields (total, points). */
export function helixListSchema<Item extends z.ZodType>(item: Item, extra: z.ZodRawShape = {}) {
  return z.looseObject({ data: z.array(item), pagination, ...extra });
}
