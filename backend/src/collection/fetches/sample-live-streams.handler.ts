/**
 * The live poll: one GET /streams per 100 channels, a sample per live channel, and for each live
 * channel whose follower total was last observed 10 minutes ago or more, one follower-total
 * request (app bucket), recorded before the sample so a stream's first sample starts from a fresh
 * count and every observation during the stream is in the log (see snapshotSlot).
 */
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LOGGER } from '../../logging/logger.js';
import { HELIX_CLIENT } from '../../twitch/helix-client.js';
import { CLOCK } from '../../clock.js';
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../clock.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { followerFacts, liveSampleFacts } from '../facts/channel-facts.js';
import { ChannelStateStore } from '../facts/channel-state-store.js';
import { presentIds, type FetchResult } from './fetch-command.js';
import { SampleLiveStreams } from './sample-live-streams.command.js';

/** How often, at most, a live channel's follower total is fetched by the live poll. */
export const LIVE_FOLLOWER_INTERVAL_MS = 10 * 60_000;

type FollowerTotal = Awaited<ReturnType<HelixClient['getFollowerTotal']>>;

@CommandHandler(SampleLiveStreams)
export class SampleLiveStreamsHandler implements ICommandHandler<SampleLiveStreams> {
  constructor(
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: ChannelStateStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute({ broadcasterIds, reason, followersOfLive }: SampleLiveStreams): Promise<Map<string, FetchResult>> {
    const ids = [...new Set(broadcasterIds)];
    const streams = await this.helix.getStreams({ userIds: ids });
    const context = { ...reason, fetchedAt: this.clock.now() };
    const followers = followersOfLive
      ? await this.followerTotalsOfLive(
          streams.map((s) => s.user_id),
          context.fetchedAt,
        )
      : new Map<string, FollowerTotal>();
    // Each channel's facts go to its own stream, decided on its own state: the channels are recorded in parallel.
    const recorded = await Promise.all(
      ids.map(async (broadcasterId) => {
        const stream = streams.find((s) => s.user_id === broadcasterId);
        const total = followers.get(broadcasterId);
        const eventsWritten = await this.states.record(broadcasterId, (state) => [
          ...(total ? followerFacts(state, broadcasterId, total, context) : []),
          ...liveSampleFacts(state, broadcasterId, stream, context),
        ]);
        return [broadcasterId, { eventsWritten, gameIds: presentIds(stream?.game_id) }] as const;
      }),
    );
    return new Map<string, FetchResult>(recorded);
  }

  /** Follower totals of the live channels due for one; a failed fetch only skips that observation. */
  private async followerTotalsOfLive(liveIds: readonly string[], now: Date): Promise<Map<string, FollowerTotal>> {
    const totals = new Map<string, FollowerTotal>();
    await Promise.all(
      [...new Set(liveIds)].map(async (id) => {
        const last = (await this.states.load(id)).snapshots.FollowerCountFetched;
        if (last && now.getTime() - last.atMs < LIVE_FOLLOWER_INTERVAL_MS) return;
        try {
          totals.set(id, await this.helix.getFollowerTotal(id));
        } catch (error) {
          this.logger.warn({ broadcasterId: id, err: error }, 'live follower total not fetched');
        }
      }),
    );
    return totals;
  }
}
