import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { channelStream } from '@creatorsync/projections';
import { CLOCK, EVENT_STORE, HELIX_CLIENT } from '../../app/tokens.js';
import type { Clock } from '../../clock.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { followerFacts } from '../facts/channel-facts.js';
import { ChannelStateStore } from '../facts/channel-state-store.js';
import { CollectFollowerTotal } from './collect-follower-total.command.js';
import { recordFacts, type FetchResult } from './fetch-command.js';

@CommandHandler(CollectFollowerTotal)
export class CollectFollowerTotalHandler implements ICommandHandler<CollectFollowerTotal> {
  constructor(
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: ChannelStateStore,
  ) {}

  async execute({ broadcasterId, reason }: CollectFollowerTotal): Promise<FetchResult> {
    const fetched = await this.helix.getFollowerTotal(broadcasterId);
    const facts = followerFacts(await this.states.load(broadcasterId), broadcasterId, fetched, { ...reason, fetchedAt: this.clock.now() });
    return { eventsWritten: await recordFacts(this.eventStore, channelStream(broadcasterId), facts), gameIds: [] };
  }
}
