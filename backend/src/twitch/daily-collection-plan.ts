/**
 * What one daily collection asks of Helix, and the fetch itself. Batched endpoints (users,
 * channels, streams) cost one request per 100 channels; follower totals and subscriptions are
 * per broadcaster (subscriptions with that broadcaster's own token, so on their user bucket);
 * new videos and clips are per broadcaster too, but only channels that were live since the last
 * collection can have new ones, which the caller knows from its stream samples.
 */
import { HELIX_MAX_IDS } from './batching.js';
import type { HelixClient, UserAuth } from './helix-client.js';
import type { HelixChannel, HelixClip, HelixStream, HelixUser, HelixVideo } from './helix-types.js';

export interface ChannelToCollect {
  broadcasterId: string;
  /** The broadcaster's own grant, if they connected their account (needed for subscriptions). */
  userAuth?: UserAuth;
  /** From stream samples since the last collection; unknown counts as live (fetch to be safe). */
  liveSinceLastCollection?: boolean;
}

export interface DailyCollectionOptions {
  /** The last collection's time: new videos and clips are those created since then. */
  since: Date;
  until: Date;
  /** Skip the per-channel videos and clips calls for channels that were not live since `since`. */
  skipMediaWhenNotLive?: boolean;
}

export interface DailyCollectionPlan {
  broadcasterIds: string[];
  subscriptionChannels: Array<{ broadcasterId: string; userAuth: UserAuth }>;
  mediaChannelIds: string[];
  /** Requests if every list fits in one page (the usual case for a day); paging only adds. */
  minimumRequests: Record<string, number>;
}

export function planDailyCollection(
  channels: readonly ChannelToCollect[],
  options: DailyCollectionOptions,
): DailyCollectionPlan {
  const broadcasterIds = [...new Set(channels.map((c) => c.broadcasterId))];
  const subscriptionChannels = channels.flatMap((c) =>
    c.userAuth ? [{ broadcasterId: c.broadcasterId, userAuth: c.userAuth }] : [],
  );
  const skip = options.skipMediaWhenNotLive ?? true;
  const mediaChannelIds = channels
    .filter((c) => !skip || c.liveSinceLastCollection !== false)
    .map((c) => c.broadcasterId);
  const batches = Math.ceil(broadcasterIds.length / HELIX_MAX_IDS);
  return {
    broadcasterIds,
    subscriptionChannels,
    mediaChannelIds,
    minimumRequests: {
      '/users': batches,
      '/channels': batches,
      '/channels/followers': broadcasterIds.length,
      '/subscriptions': subscriptionChannels.length,
      '/streams': batches,
      '/videos': mediaChannelIds.length,
      '/clips': mediaChannelIds.length,
    },
  };
}

export interface DailyCollection {
  users: HelixUser[];
  channels: HelixChannel[];
  followerTotals: Map<string, { total: number; raw: Record<string, unknown> }>;
  subscriptions: Map<string, { total: number; points: number; raw: Record<string, unknown> }>;
  streams: HelixStream[];
  videos: Map<string, HelixVideo[]>;
  clips: Map<string, HelixClip[]>;
}

/** Runs a plan. Per-channel failures are not caught here: the collection job decides what to record. */
export async function fetchDailyCollection(
  client: HelixClient,
  plan: DailyCollectionPlan,
  options: DailyCollectionOptions,
): Promise<DailyCollection> {
  const ids = plan.broadcasterIds;
  const perChannel = <T>(channelIds: readonly string[], fetch: (id: string) => Promise<T>) =>
    Promise.all(channelIds.map(async (id) => [id, await fetch(id)] as const)).then((pairs) => new Map(pairs));
  const [users, channels, streams, followerTotals, subscriptions, videos, clips] = await Promise.all([
    client.getUsers({ ids }),
    client.getChannels(ids),
    client.getStreams({ userIds: ids }),
    perChannel(ids, (id) => client.getFollowerTotal(id)),
    Promise.all(
      plan.subscriptionChannels.map(
        async (c) => [c.broadcasterId, await client.getSubscriptionSummary(c.broadcasterId, c.userAuth)] as const,
      ),
    ).then((p) => new Map(p)),
    perChannel(plan.mediaChannelIds, (id) => client.getVideos(id, { since: options.since })),
    perChannel(plan.mediaChannelIds, (id) => client.getClips(id, { startedAt: options.since, endedAt: options.until })),
  ]);
  return { users, channels, followerTotals, subscriptions, streams, videos, clips };
}
