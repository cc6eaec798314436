import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { HELIX_CLIENT } from '../../twitch/helix-client.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { profileFacts } from '../facts/channel-facts.js';
import { ChannelStateStore } from '../facts/channel-state-store.js';
import { CollectChannelProfiles, type ChannelProfilesResult } from './collect-channel-profiles.command.js';
import { presentIds, type FetchResult } from './fetch-command.js';

@CommandHandler(CollectChannelProfiles)
export class CollectChannelProfilesHandler implements ICommandHandler<CollectChannelProfiles> {
  constructor(
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: ChannelStateStore,
  ) {}

  async execute({ broadcasterIds, reason }: CollectChannelProfiles): Promise<ChannelProfilesResult> {
    const ids = [...new Set(broadcasterIds)];
    const [users, channels] = await Promise.all([this.helix.getUsers({ ids }), this.helix.getChannels(ids)]);
    const context = { ...reason, fetchedAt: this.clock.now() };
    const byChannel = new Map<string, FetchResult>();
    const unknown: string[] = [];
    for (const broadcasterId of ids) {
      const user = users.find((u) => u.id === broadcasterId);
      if (!user) {
        unknown.push(broadcasterId);
        continue;
      }
      const channel = channels.find((c) => c.broadcaster_id === broadcasterId);
      const eventsWritten = await this.states.record(broadcasterId, (state) =>
        profileFacts(state, { broadcasterId, user, ...(channel ? { channel } : {}) }, context),
      );
      byChannel.set(broadcasterId, { eventsWritten, gameIds: presentIds(channel?.game_id) });
    }
    return { byChannel, unknown };
  }
}
