/**
 * Thin shell around channelSnapshotEvents: fetch from Twitch first (batched: one users call and one
 * channels call for up to 100 channels, then each follower total), decide, append the new facts.
 * A retried job writes nothing twice: its event ids are deterministic and already in the stream.
 */
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { channelStream } from '@creatorsync/projections';
import { CLOCK, EVENT_STORE, HELIX_CLIENT } from '../../app/tokens.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { formatPosition } from '../../event-store/position.js';
import type { Clock } from '../../clock.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { appendNewFacts } from '../append-new-facts.js';
import { channelSnapshotEvents } from './channel-snapshot-events.js';
import { CollectChannelSnapshot, type ChannelSnapshotResult } from './collect-channel-snapshot.command.js';

export class ChannelNotOnTwitchError extends Error {
  constructor(readonly broadcasterIds: string[]) {
    super(`Twitch does not know these channels (deleted or banned?): ${broadcasterIds.join(', ')}`);
    this.name = 'ChannelNotOnTwitchError';
  }
}

@CommandHandler(CollectChannelSnapshot)
export class CollectChannelSnapshotHandler implements ICommandHandler<CollectChannelSnapshot> {
  constructor(
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CollectChannelSnapshot): Promise<ChannelSnapshotResult[]> {
    const ids = [...new Set(command.broadcasterIds)];
    const [users, channels] = await Promise.all([this.helix.getUsers({ ids }), this.helix.getChannels(ids)]);
    const missing = ids.filter((id) => !users.some((u) => u.id === id));
    if (missing.length > 0) throw new ChannelNotOnTwitchError(missing);

    const results: ChannelSnapshotResult[] = [];
    for (const broadcasterId of ids) {
      const followers = await this.helix.getFollowerTotal(broadcasterId);
      const events = channelSnapshotEvents(
        {
          broadcasterId,
          user: users.find((u) => u.id === broadcasterId)!,
          channel: channels.find((c) => c.broadcaster_id === broadcasterId),
          followers,
        },
        { jobId: command.jobId, source: command.source, fetchedAt: this.clock.now() },
      );
      const appended = await appendNewFacts(this.eventStore, channelStream(broadcasterId), events);
      results.push({ broadcasterId, eventsWritten: appended.written, position: appended.position && formatPosition(appended.position) });
    }
    return results;
  }
}
