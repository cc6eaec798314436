/** Followers and subscribers of a simulated channel as functions of time. */
import { smoothNoise } from './prng.js';
import { DAY_MS, REFERENCE_MS, type SimChannel } from './sim-world.js';

function trendFollowers(channel: SimChannel, timeMs: number): number {
  const days = (timeMs - REFERENCE_MS) / DAY_MS;
  return channel.followersAtReference * Math.exp(channel.followerGrowthPerDay * days);
}

export function followersAt(channel: SimChannel, time: Date, seed: number): number {
  const timeMs = time.getTime();
  if (timeMs < channel.createdAt.getTime()) return 0;
  const trend = trendFollowers(channel, timeMs);
  // Day-to-day wobble around the trend (raids, unfollow waves), a few per mille of the audience.
  const noise = smoothNoise(timeMs, DAY_MS, seed, channel.id, 'followers') * trend * 0.003;
  return Math.max(0, Math.round(trend + noise));
}

/**
 * When follower number `rank` (0 = the first ever) followed: the inverse of the trend, clamped to
 * the channel's lifetime. Makes the follower list consistent with the total at any time.
 */
export function followedAt(channel: SimChannel, rank: number): Date {
  const days = Math.log((rank + 1) / channel.followersAtReference) / channel.followerGrowthPerDay;
  const createdMs = channel.createdAt.getTime();
  return new Date(Math.max(createdMs + rank * 1_000, Math.round(REFERENCE_MS + days * DAY_MS)));
}

export interface SubscriptionSummary {
  total: number;
  points: number;
  tier1: number;
  tier2: number;
  tier3: number;
}

export function subscriptionsAt(channel: SimChannel, time: Date, seed: number): SubscriptionSummary {
  const followers = followersAt(channel, time, seed);
  const wobble = 1 + 0.05 * smoothNoise(time.getTime(), DAY_MS, seed, channel.id, 'subs');
  const total = Math.max(0, Math.round(followers * channel.subscriberShare * wobble));
  const tier3 = Math.floor(total * 0.03);
  const tier2 = Math.floor(total * 0.08);
  const tier1 = total - tier2 - tier3;
  // Helix counts points as T1 = 1, T2 = 2, T3 = 6.
  return { total, points: tier1 + 2 * tier2 + 6 * tier3, tier1, tier2, tier3 };
}

/** The tier of subscriber number `rank`, consistent with the summary's tier counts. */
export function tierOfSubscriber(summary: SubscriptionSummary, rank: number): '1000' | '2000' | '3000' {
  if (rank < summary.tier3) return '3000';
  if (rank < summary.tier3 + summary.tier2) return '2000';
  return '1000';
}
