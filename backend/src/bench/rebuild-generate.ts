/**
 * A realistic event log for the rebuild benchmark, generated day by day in the order a daily
 * collection would have appended it: every channel's follower count each morning (some days missed,
 * some fetched twice), a profile fetch (raw Helix user + channel objects) about weekly, and account
 * links/unlinks for a share of the channels. Only catalogue event types; seeded, so runs compare.
 */
import { randomUUID } from 'node:crypto';
import { accountStream, channelStream, eventCatalogue, type EventMetadata, type EventType } from '@creatorsync/projections';

const DAY_MS = 86_400_000;
/** The log starts here; with the defaults (500 events per channel) it runs ~14 months. */
const FIRST_DAY_MS = Date.UTC(2025, 0, 1);

export interface GeneratedEvent {
  streamId: string;
  id: string;
  type: EventType;
  /** JSON text: serialised once here, inserted as jsonb by the loader. */
  data: string;
  metadata: string;
  fetchedAt: string;
}

interface Channel {
  id: string;
  login: string;
  displayName: string;
  followers: number;
  /** Mean daily growth as a fraction of the followers; a few channels shrink. */
  growth: number;
  broadcasterType: string;
  createdAt: string;
  description: string;
  game: [string, string];
  profileOffset: number;
  /** Day on which the streamer connects the channel to a CreatorSync account, or -1. */
  linkDay: number;
  unlinkDay: number;
  userId: string;
}

const GAMES: [string, string][] = [
  ['509658', 'Just Chatting'], ['21779', 'League of Legends'], ['32982', 'Grand Theft Auto V'], ['516575', 'VALORANT'],
  ['27471', 'Minecraft'], ['33214', 'Fortnite'], ['511224', 'Apex Legends'], ['1469308723', 'Software and Game Development'],
];
const SYLLABLES = ['ka', 'zu', 'mi', 'ro', 'tev', 'lan', 'qui', 'dor', 'sa', 'nex', 'plo', 'vy', 'gar', 'fen', 'ox', 'ril'];
const SCOPES = ['channel:read:subscriptions', 'moderator:read:followers', 'user:read:email'];

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeChannels(count: number, days: number, random: () => number): Channel[] {
  return Array.from({ length: count }, (_, i) => {
    const name = Array.from({ length: 2 + Math.floor(random() * 3) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
    const login = `${name}${i}`;
    const linked = random() < 0.3;
    const linkDay = linked ? Math.floor(random() * days * 0.8) : -1;
    return {
      id: String(40_000_000 + i * 7919),
      login,
      displayName: login[0]!.toUpperCase() + login.slice(1),
      // Log-normal-ish: most channels small, a few large.
      followers: Math.floor(Math.exp(3 + random() * 10)),
      growth: (random() - 0.1) * 0.004,
      broadcasterType: random() < 0.05 ? 'partner' : random() < 0.5 ? 'affiliate' : '',
      createdAt: new Date(Date.UTC(2012 + Math.floor(random() * 12), Math.floor(random() * 12), 1 + Math.floor(random() * 28))).toISOString(),
      description: `Variety streamer ${login}: chill vibes, ${GAMES[i % GAMES.length]![1]} and community nights. Schedule in the panels below!`,
      game: GAMES[Math.floor(random() * GAMES.length)]!,
      profileOffset: Math.floor(random() * 7),
      linkDay,
      unlinkDay: linked && random() < 0.1 ? linkDay + 1 + Math.floor(random() * 60) : -1,
      userId: `user_${Math.floor(random() * 2 ** 48).toString(36)}${i.toString(36)}`,
    };
  });
}

function event(streamId: string, type: EventType, data: object, correlationId: string, source: EventMetadata['source'], fetchedAt: string): GeneratedEvent {
  const metadata: EventMetadata = { correlationId, source, schemaVersion: eventCatalogue[type].version, fetchedAt };
  return { streamId, id: randomUUID(), type, data: JSON.stringify(data), metadata: JSON.stringify(metadata), fetchedAt };
}

/** The raw GET /users and GET /channels objects, as Helix returns them (~900 bytes together). */
function profileData(c: Channel, random: () => number) {
  if (random() < 0.2) c.game = GAMES[Math.floor(random() * GAMES.length)]!;
  return {
    broadcasterId: c.id,
    user: {
      id: c.id, login: c.login, display_name: c.displayName, type: '', broadcaster_type: c.broadcasterType, description: c.description,
      profile_image_url: `https://static-cdn.jtvnw.net/jtv_user_pictures/${c.id}-profile_image-300x300.png`,
      offline_image_url: `https://static-cdn.jtvnw.net/jtv_user_pictures/${c.id}-channel_offline_image-1920x1080.png`,
      view_count: 0, created_at: c.createdAt,
    },
    channel: {
      broadcaster_id: c.id, broadcaster_login: c.login, broadcaster_name: c.displayName, broadcaster_language: 'en',
      game_id: c.game[0], game_name: c.game[1], title: `${c.game[1]} all day | !discord !socials | day ${Math.floor(random() * 900)}`,
      delay: 0, tags: ['English', 'Chill', c.game[1].replace(/\W/g, '')], content_classification_labels: [], is_branded_content: false,
    },
  };
}

/**
 * Yields exactly `total` events over as many days as that takes for `channelCount` channels
 * (~1.2 events per channel per day), in append order.
 */
export function* generateEvents(total: number, channelCount: number, seed = 1): Generator<GeneratedEvent> {
  const random = prng(seed);
  const days = Math.ceil(total / (channelCount * 1.16));
  const channels = makeChannels(channelCount, days, random);
  let produced = 0;
  for (let day = 0; ; day++) {
    const dayMs = FIRST_DAY_MS + day * DAY_MS;
    const jobId = randomUUID(); // the day's scheduled collection job
    for (const [index, c] of channels.entries()) {
      // The daily job walks the channels over about an hour from 06:00 UTC.
      const at = (offsetMs: number) => new Date(dayMs + 6 * 3_600_000 + index * 1500 + offsetMs).toISOString();
      const out: GeneratedEvent[] = [];
      if (day === c.linkDay) {
        const when = at(-2 * 3_600_000);
        out.push(event(accountStream(c.userId), 'TwitchAccountLinked', { userId: c.userId, broadcasterId: c.id, login: c.login, displayName: c.displayName, scopes: SCOPES.slice(0, 1 + Math.floor(random() * 3)), linkedAt: when }, randomUUID(), 'manual', when));
      }
      if (day === c.unlinkDay) {
        const when = at(-3_600_000);
        out.push(event(accountStream(c.userId), 'TwitchAccountUnlinked', { userId: c.userId, broadcasterId: c.id, unlinkedAt: when }, randomUUID(), 'manual', when));
      }
      if ((day + c.profileOffset) % 7 === 0) {
        out.push(event(channelStream(c.id), 'ChannelProfileFetched', profileData(c, random), jobId, 'scheduled', at(0)));
      }
      const fetches = random() < 0.03 ? 0 : random() < 0.02 ? 2 : 1; // missed day / a manual refresh later on
      for (let f = 0; f < fetches; f++) {
        c.followers = Math.max(0, Math.round(c.followers * (1 + c.growth * (0.5 + random())) + (random() < 0.5 ? 1 : 0)));
        const data = { broadcasterId: c.id, total: c.followers, raw: { total: c.followers, data: [] } };
        out.push(event(channelStream(c.id), 'FollowerCountFetched', data, f === 0 ? jobId : randomUUID(), f === 0 ? 'scheduled' : 'manual', at(f * 5 * 3_600_000 + 200)));
      }
      for (const e of out) {
        yield e;
        if (++produced >= total) return;
      }
    }
  }
}
