import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { HELIX_CLIENT } from '../../twitch/helix-client.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { followerFacts } from '../facts/channel-facts.js';
import { ChannelStateStore } from '../facts/channel-state-store.js';
import { CollectFollowerTotal } from './collect-follower-total.command.js';
import type { FetchResult } from './fetch-command.js';

@CommandHandler(CollectFollowerTotal)
export class CollectFollowerTotalHandler implements ICommandHandler<CollectFollowerTotal> {
  constructor(
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: ChannelStateStore,
  ) {}

  async execute({ broadcasterId, reason }: CollectFollowerTotal): Promise<FetchResult> {
    const fetched = await this.helix.getFollowerTotal(broadcasterId);
    const context = { ...reason, fetchedAt: this.clock.now() };
    return {
      eventsWritten: await this.states.record(broadcasterId, (state) =>
        followerFacts(state, broadcasterId, fetched, context),
      ),
      gameIds: [],
    };
  }
}
