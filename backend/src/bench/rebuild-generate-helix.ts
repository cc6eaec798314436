/**
 * The rebuild benchmark's channels and the raw Helix objects its events carry, shaped as Twitch
 * returns them (users, channels, streams, videos, clips, games), so the log's JSON is as large and
 * as varied as a real one's.
 */
import type { Channel, Clip, Game, Stream, Video } from './rebuild-generate-model.js';
import { must } from '../must.js';

export const GAMES: Game[] = [
  ['509658', 'Just Chatting'],
  ['21779', 'League of Legends'],
  ['32982', 'Grand Theft Auto V'],
  ['516575', 'VALORANT'],
  ['27471', 'Minecraft'],
  ['33214', 'Fortnite'],
  ['511224', 'Apex Legends'],
  ['1469308723', 'Software and Game Development'],
  ['32399', 'Counter-Strike'],
  ['29595', 'Dota 2'],
  ['491931', 'Escape from Tarkov'],
  ['512710', 'Call of Duty: Warzone'],
  ['26936', 'Music'],
  ['509660', 'Art'],
  ['518203', 'Sports'],
  ['1678052513', 'Palworld'],
].map(([id, name]) => ({ id: must(id, 'id'), name: must(name, 'name') }));

const SYLLABLES = [
  'ka',
  'zu',
  'mi',
  'ro',
  'tev',
  'lan',
  'qui',
  'dor',
  'sa',
  'nex',
  'plo',
  'vy',
  'gar',
  'fen',
  'ox',
  'ril',
];
export const SCOPES = ['channel:read:subscriptions', 'moderator:read:followers', 'user:read:email'];
export const TIME_ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Europe/London',
  'Australia/Sydney',
];

export function makeChannels(count: number, days: number, random: () => number): Channel[] {
  return Array.from({ length: count }, (_, i) => {
    const name = Array.from(
      { length: 2 + Math.floor(random() * 3) },
      () => SYLLABLES[Math.floor(random() * SYLLABLES.length)],
    ).join('');
    const login = `${name}${i}`;
    const linked = random() < 0.3;
    const linkDay = linked ? Math.floor(random() * days * 0.8) : -1;
    const size = Math.exp(3 + random() * 10); // log-normal-ish: most channels small, a few large
    return {
      id: String(40_000_000 + i * 7919),
      login,
      displayName: must(login[0], 'login[0]').toUpperCase() + login.slice(1),
      followers: Math.floor(size),
      growth: (random() - 0.1) * 0.004,
      viewers: Math.max(1, Math.floor(size / 60)),
      subscribers: Math.floor(size / 40),
      broadcasterType: random() < 0.05 ? 'partner' : random() < 0.5 ? 'affiliate' : '',
      createdAt: new Date(
        Date.UTC(2012 + Math.floor(random() * 12), Math.floor(random() * 12), 1 + Math.floor(random() * 28)),
      ).toISOString(),
      description: `Variety streamer ${login}: chill vibes, ${must(GAMES[i % GAMES.length], 'GAMES[i % GAMES.length]').name} and community nights. Schedule in the panels below!`,
      game: must(GAMES[Math.floor(random() * GAMES.length)], 'GAMES[Math.floor(random() * GAMES.length)]'),
      profileOffset: Math.floor(random() * 7),
      streamRate: 0.1 + random() * 0.5,
      usualStartHour: 12 + Math.floor(random() * 9),
      linkDay,
      unlinkDay: linked && random() < 0.1 ? linkDay + 1 + Math.floor(random() * 60) : -1,
      timeZoneDay: linked && random() < 0.5 ? linkDay + Math.floor(random() * 10) : -1,
      userId: `user_${Math.floor(random() * 2 ** 48).toString(36)}${i.toString(36)}`,
      videos: [],
      clips: [],
      streamCount: 0,
    };
  });
}

export function helixUser(c: Channel) {
  return {
    id: c.id,
    login: c.login,
    display_name: c.displayName,
    type: '',
    broadcaster_type: c.broadcasterType,
    description: c.description,
    profile_image_url: `https://static-cdn.jtvnw.net/jtv_user_pictures/${c.id}-profile_image-300x300.png`,
    offline_image_url: `https://static-cdn.jtvnw.net/jtv_user_pictures/${c.id}-channel_offline_image-1920x1080.png`,
    view_count: 0,
    created_at: c.createdAt,
  };
}

export function helixChannel(c: Channel, title: string) {
  return {
    broadcaster_id: c.id,
    broadcaster_login: c.login,
    broadcaster_name: c.displayName,
    broadcaster_language: 'en',
    game_id: c.game.id,
    game_name: c.game.name,
    title,
    delay: 0,
    tags: ['English', 'Chill', c.game.name.replace(/\W/g, '')],
    content_classification_labels: [],
    is_branded_content: false,
  };
}

export function helixStream(c: Channel, s: Stream, viewers: number) {
  return {
    id: s.id,
    user_id: c.id,
    user_login: c.login,
    user_name: c.displayName,
    game_id: s.game.id,
    game_name: s.game.name,
    type: 'live',
    title: s.title,
    viewer_count: viewers,
    started_at: s.startedAt,
    language: 'en',
    thumbnail_url: `https://static-cdn.jtvnw.net/previews-ttv/live_user_${c.login}-{width}x{height}.jpg`,
    tag_ids: [],
    tags: ['English', s.game.name.replace(/\W/g, '')],
    is_mature: false,
  };
}

export function helixVideo(c: Channel, v: Video) {
  return {
    id: v.id,
    stream_id: v.streamId,
    user_id: c.id,
    user_login: c.login,
    user_name: c.displayName,
    title: v.title,
    description: '',
    created_at: v.createdAt,
    published_at: v.createdAt,
    url: `https://www.twitch.tv/videos/${v.id}`,
    thumbnail_url: `https://static-cdn.jtvnw.net/cf_vods/${v.id}/thumb/thumb0-%{width}x%{height}.jpg`,
    viewable: 'public',
    view_count: v.views,
    language: 'en',
    type: v.type,
    duration: v.duration,
    muted_segments: null,
  };
}

export function helixClip(c: Channel, clip: Clip) {
  return {
    id: clip.id,
    url: `https://clips.twitch.tv/${clip.id}`,
    embed_url: `https://clips.twitch.tv/embed?clip=${clip.id}`,
    broadcaster_id: c.id,
    broadcaster_name: c.displayName,
    creator_id: '12826',
    creator_name: 'viewer',
    video_id: clip.videoId,
    game_id: clip.gameId,
    language: 'en',
    title: clip.title,
    view_count: clip.views,
    created_at: clip.createdAt,
    thumbnail_url: `https://clips-media-assets2.twitch.tv/${clip.id}-preview-480x272.jpg`,
    duration: clip.duration,
    vod_offset: 1200,
    is_featured: false,
  };
}

export function helixGame(g: Game) {
  return {
    id: g.id,
    name: g.name,
    box_art_url: `https://static-cdn.jtvnw.net/ttv-boxart/${g.id}-{width}x{height}.jpg`,
    igdb_id: '',
  };
}

/** Helix video durations: "3h2m1s". */
export function helixDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${Math.floor(seconds % 60)}s`;
}
