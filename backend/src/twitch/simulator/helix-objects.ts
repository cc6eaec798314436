/** The simulated world rendered as Helix JSON objects, field for field as Twitch's reference shows them. */
import { followedAt, tierOfSubscriber, type SubscriptionSummary } from './channel-audience.js';
import { helixDuration, type SimClip, type SimVideo } from './channel-media.js';
import { SIM_GAMES, type SimGame } from './sim-catalog.js';
import type { SimChannel } from './sim-world.js';
import { gameName, segmentAt, viewersAt, type StreamSession } from './stream-sessions.js';

const CDN = 'https://static-cdn.jtvnw.net';
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Images point at the simulator's own /media route by default: a test or demo never loads from Twitch's CDN. */
export function helixUser(channel: SimChannel, email?: string, mediaBaseUrl = CDN): Record<string, unknown> {
  return {
    id: channel.id,
    login: channel.login,
    display_name: channel.displayName,
    type: '',
    broadcaster_type: channel.broadcasterType,
    description: channel.description,
    profile_image_url: `${mediaBaseUrl}/jtv_user_pictures/${channel.login}-profile_image-300x300.png`,
    offline_image_url: '',
    // Deprecated by Twitch and always meaningless; kept because the schema still lists it.
    view_count: 0,
    ...(email === undefined ? {} : { email }),
    created_at: iso(channel.createdAt.getTime()),
  };
}

export function helixChannel(
  channel: SimChannel,
  lastSession: StreamSession | undefined,
  nowMs: number,
): Record<string, unknown> {
  const segment = lastSession ? segmentAt(lastSession, Math.min(nowMs, lastSession.endMs - 1)) : undefined;
  return {
    broadcaster_id: channel.id,
    broadcaster_login: channel.login,
    broadcaster_name: channel.displayName,
    broadcaster_language: channel.language,
    game_id: segment?.gameId ?? '',
    game_name: segment ? gameName(segment.gameId) : '',
    title: segment?.title ?? '',
    delay: 0,
    tags: channel.tags,
    content_classification_labels: [],
    is_branded_content: false,
  };
}

export function helixStream(session: StreamSession, seed: number, nowMs: number): Record<string, unknown> {
  const { channel } = session;
  const segment = segmentAt(session, nowMs);
  return {
    id: session.id,
    user_id: channel.id,
    user_login: channel.login,
    user_name: channel.displayName,
    game_id: segment.gameId,
    game_name: gameName(segment.gameId),
    type: 'live',
    title: segment.title,
    viewer_count: viewersAt(session, seed, nowMs),
    started_at: iso(session.startMs),
    language: channel.language,
    thumbnail_url: `${CDN}/previews-ttv/live_user_${channel.login}-{width}x{height}.jpg`,
    tag_ids: [],
    tags: channel.tags,
    is_mature: false,
  };
}

export function helixVideo(video: SimVideo): Record<string, unknown> {
  const { channel } = video.session;
  const streamTitle = segmentAt(video.session, video.session.startMs).title;
  const title =
    video.type === 'archive'
      ? streamTitle
      : video.type === 'upload'
        ? `${channel.displayName}: ${streamTitle.replace(' | !socials', '')} (edited)`
        : `Best of ${channel.displayName}`;
  return {
    id: video.id,
    stream_id: video.streamId,
    user_id: channel.id,
    user_login: channel.login,
    user_name: channel.displayName,
    title,
    description: '',
    created_at: iso(video.createdMs),
    published_at: iso(video.createdMs),
    url: `https://www.twitch.tv/videos/${video.id}`,
    thumbnail_url: `${CDN}/cf_vods/${video.id}/thumb/thumb0-%{width}x%{height}.jpg`,
    viewable: 'public',
    view_count: video.viewCount,
    language: channel.language,
    type: video.type,
    duration: helixDuration(video.durationSeconds),
    muted_segments: video.mutedSegments,
  };
}

export function helixClip(clip: SimClip): Record<string, unknown> {
  const { channel } = clip.session;
  return {
    id: clip.id,
    url: `https://clips.twitch.tv/${clip.id}`,
    embed_url: `https://clips.twitch.tv/embed?clip=${clip.id}`,
    broadcaster_id: channel.id,
    broadcaster_name: channel.displayName,
    creator_id: clip.creatorId,
    creator_name: clip.creatorName,
    video_id: clip.videoId,
    game_id: clip.gameId,
    language: channel.language,
    title: `${gameName(clip.gameId)} moment`,
    view_count: clip.viewCount,
    created_at: iso(clip.createdMs),
    thumbnail_url: `https://clips-media-assets2.twitch.tv/${clip.id}-preview-480x272.jpg`,
    duration: clip.durationSeconds,
    vod_offset: clip.vodOffset,
    is_featured: clip.isFeatured,
  };
}

export function helixGame(game: SimGame): Record<string, unknown> {
  return {
    id: game.id,
    name: game.name,
    box_art_url: `${CDN}/ttv-boxart/${game.id}-{width}x{height}.jpg`,
    igdb_id: game.igdbId,
  };
}

export const findGame = (id: string): SimGame | undefined => SIM_GAMES.find((g) => g.id === id);

/** Follower number `rank`: ids are derived from the channel so the list is stable across calls. */
/** Follower number `rank`, as listed at `nowMs`: nobody followed in the future. */
export function helixFollower(channel: SimChannel, rank: number, nowMs: number): Record<string, unknown> {
  const login = `viewer_${channel.login}_${rank}`;
  return {
    user_id: `${channel.id}${String(rank).padStart(8, '0')}`,
    user_login: login,
    user_name: login,
    followed_at: iso(Math.min(nowMs, followedAt(channel, rank).getTime())),
  };
}

export function helixSubscription(
  channel: SimChannel,
  summary: SubscriptionSummary,
  rank: number,
): Record<string, unknown> {
  const tier = tierOfSubscriber(summary, rank);
  const login = `sub_${channel.login}_${rank}`;
  const gifted = rank % 7 === 3;
  return {
    broadcaster_id: channel.id,
    broadcaster_login: channel.login,
    broadcaster_name: channel.displayName,
    gifter_id: gifted ? '12826' : '',
    gifter_login: gifted ? 'twitch' : '',
    gifter_name: gifted ? 'Twitch' : '',
    is_gift: gifted,
    plan_name: `Channel Subscription (${channel.login})`,
    tier,
    user_id: `9${channel.id}${String(rank).padStart(7, '0')}`,
    user_name: login,
    user_login: login,
  };
}
