/**
 * The seeded population of simulated channels. A channel here is only its fixed traits; every
 * time-varying fact (followers, streams, videos, clips) is computed from them in
 * channel-timeline.ts as a function of time, so the past can be queried as easily as the present.
 */
import {
  DEMO_CHANNELS,
  LANGUAGES,
  NAME_PREFIXES,
  NAME_SUFFIXES,
  SIM_GAMES,
  TAG_POOL,
  type DemoChannelSpec,
} from './sim-catalog.js';
import { hash32, intBetween, pick, unit } from './prng.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
/** The instant at which `followersAtReference` holds; growth runs forwards and backwards from it. */
export const REFERENCE_MS = Date.UTC(2026, 0, 1);

/** One recurring weekly stream: day and start in week-relative minutes, planned length. */
export interface WeeklySlot {
  startMinuteOfWeek: number;
  durationMinutes: number;
}

export interface SimChannel {
  id: string;
  login: string;
  displayName: string;
  description: string;
  language: string;
  broadcasterType: 'partner' | 'affiliate' | '';
  createdAt: Date;
  averageViewers: number;
  followersAtReference: number;
  /** Exponential follower growth per day (also shrinks the count going back in time). */
  followerGrowthPerDay: number;
  subscriberShare: number;
  gameIds: string[];
  tags: string[];
  schedule: WeeklySlot[];
}

export interface SimWorld {
  seed: number;
  channels: SimChannel[];
  channelById: Map<string, SimChannel>;
  channelByLogin: Map<string, SimChannel>;
  /** The demo user's channel (the first channel) when seeded with `demo: true`. */
  demoUserChannelId: string | undefined;
}

export interface SimWorldOptions {
  seed?: number;
  channelCount?: number;
  demo?: boolean;
}

export function createSimWorld(options: SimWorldOptions = {}): SimWorld {
  const seed = options.seed ?? 1;
  const demoSpecs = options.demo ? DEMO_CHANNELS : [];
  const channelCount = Math.max(options.channelCount ?? (options.demo ? demoSpecs.length : 20), demoSpecs.length);
  const channels: SimChannel[] = demoSpecs.map((spec) => demoChannel(seed, spec));
  for (let index = channels.length; index < channelCount; index++) channels.push(generatedChannel(seed, index));
  return {
    seed,
    channels,
    channelById: new Map(channels.map((c) => [c.id, c])),
    channelByLogin: new Map(channels.map((c) => [c.login, c])),
    demoUserChannelId: options.demo ? channels[0]?.id : undefined,
  };
}

function demoChannel(seed: number, spec: DemoChannelSpec): SimChannel {
  return {
    ...spec,
    createdAt: new Date(Date.UTC(2019, 2, 14) + (hash32(spec.id) % 900) * DAY_MS),
    followerGrowthPerDay: 0.0012 + unit(seed, spec.id, 'growth') * 0.0015,
    subscriberShare: spec.broadcasterType === 'partner' ? 0.012 : 0.02,
    tags: ['English', pick(TAG_POOL, seed, spec.id, 'tag')],
    schedule: weeklySchedule(seed, spec.id, 4),
  };
}

function generatedChannel(seed: number, index: number): SimChannel {
  // Spaced ids keep them unique while still looking like Twitch's opaque numeric strings.
  const id = String(100_000_000 + index * 1_000 + (hash32(seed, index, 'id') % 1_000));
  const login = `${pick(NAME_PREFIXES, seed, index, 'p')}${pick(NAME_SUFFIXES, seed, index, 's')}${index}`;
  // Log-uniform audience: most channels are small, a few are large, as on Twitch.
  const averageViewers = Math.max(1, Math.round(2 * Math.exp(unit(seed, index, 'viewers') * 8)));
  const broadcasterType = averageViewers >= 300 ? 'partner' : averageViewers >= 4 ? 'affiliate' : '';
  const gameCount = intBetween(1, 4, seed, index, 'games');
  const gameIds = [...new Set(Array.from({ length: gameCount }, (_, g) => pick(SIM_GAMES, seed, index, 'game', g).id))];
  return {
    id,
    login,
    displayName: login.charAt(0).toUpperCase() + login.slice(1),
    description: `Streams ${gameIds.length > 1 ? 'a bit of everything' : 'one game, done well'}.`,
    language: pick(LANGUAGES, seed, index, 'lang'),
    broadcasterType,
    createdAt: new Date(Date.UTC(2014, 0, 1) + (hash32(seed, index, 'created') % 3_600) * DAY_MS),
    averageViewers,
    followersAtReference: Math.round(averageViewers * (30 + unit(seed, index, 'fpv') * 120)),
    followerGrowthPerDay: 0.0003 + unit(seed, index, 'growth') * 0.003,
    subscriberShare: broadcasterType === '' ? 0 : 0.01 + unit(seed, index, 'subs') * 0.02,
    gameIds,
    tags: [pick(TAG_POOL, seed, index, 'tag1'), pick(TAG_POOL, seed, index, 'tag2')].filter(
      (t, i, all) => all.indexOf(t) === i,
    ),
    schedule: weeklySchedule(seed, String(index), intBetween(1, 6, seed, index, 'days')),
  };
}

/** Distinct days of the week, each with an evening-ish start and 2–7 hour streams. */
function weeklySchedule(seed: number, key: string, days: number): WeeklySlot[] {
  const allDays = [0, 1, 2, 3, 4, 5, 6].sort((a, b) => unit(seed, key, 'day', a) - unit(seed, key, 'day', b));
  const startHour = intBetween(12, 21, seed, key, 'hour');
  return allDays
    .slice(0, days)
    .sort((a, b) => a - b)
    .map((day) => ({
      startMinuteOfWeek: day * 24 * 60 + startHour * 60 + intBetween(0, 3, seed, key, 'q', day) * 15,
      durationMinutes: intBetween(120, 420, seed, key, 'len', day),
    }));
}
