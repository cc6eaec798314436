import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LOGGER } from '../../logging/logger.js';
import { HELIX_CLIENT } from '../../twitch/helix-client.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logging/logger.js';
import { HelixAuthError, TokenRevokedError } from '../../twitch/errors.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { subscriberFacts, type SubscriberFetch } from '../facts/channel-facts.js';
import { ChannelStateStore } from '../facts/channel-state-store.js';
import { CollectSubscriberTotal } from './collect-subscriber-total.command.js';
import type { FetchResult } from './fetch-command.js';

@CommandHandler(CollectSubscriberTotal)
export class CollectSubscriberTotalHandler implements ICommandHandler<CollectSubscriberTotal> {
  constructor(
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly states: ChannelStateStore,
  ) {}

  async execute({ broadcasterId, access, reason }: CollectSubscriberTotal): Promise<FetchResult> {
    const fetched = await this.fetch(broadcasterId, access);
    const context = { ...reason, fetchedAt: this.clock.now() };
    return {
      eventsWritten: await this.states.record(broadcasterId, (state) =>
        subscriberFacts(state, broadcasterId, fetched, context),
      ),
      gameIds: [],
    };
  }

  private async fetch(broadcasterId: string, access: CollectSubscriberTotal['access']): Promise<SubscriberFetch> {
    if (access.kind === 'none') return { kind: 'unavailable', reason: access.reason };
    try {
      // The token store is keyed by the broadcaster's Twitch id.
      const summary = await this.helix.getSubscriptionSummary(broadcasterId, { userId: broadcasterId });
      return { kind: 'fetched', ...summary };
    } catch (error) {
      if (error instanceof TokenRevokedError) {
        this.logger.info({ broadcasterId }, 'subscriptions not available: the broadcaster must reconnect Twitch');
        return {
          kind: 'unavailable',
          reason: /no stored Twitch authorisation/.test(error.reason) ? 'not_connected' : 'token_revoked',
        };
      }
      // No token store at all (a deployment without connected accounts), or a 401 that refreshing could not fix.
      if (error instanceof HelixAuthError)
        return { kind: 'unavailable', reason: error.status === 0 ? 'not_connected' : 'token_revoked' };
      throw error;
    }
  }
}
