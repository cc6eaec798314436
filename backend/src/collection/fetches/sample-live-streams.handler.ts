import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventData } from '@creatorsync/projections';
import { CLOCK, HELIX_CLIENT } from '../../app/tokens.js';
import type { Clock } from '../../clock.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { liveSampleFacts } from '../facts/channel-facts.js';
import { ChannelStateStore } from '../facts/channel-state-store.js';
import { presentIds, type FetchResult } from './fetch-command.js';
import { SampleLiveStreams } from './sample-live-streams.command.js';

@CommandHandler(SampleLiveStreams)
export class SampleLiveStreamsHandler implements ICommandHandler<SampleLiveStreams> {
  constructor(
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: ChannelStateStore,
  ) {}

  async execute({ broadcasterIds, reason }: SampleLiveStreams): Promise<Map<string, FetchResult>> {
    const ids = [...new Set(broadcasterIds)];
    const streams = await this.helix.getStreams({ userIds: ids });
    const context = { ...reason, fetchedAt: this.clock.now() };
    const results = new Map<string, FetchResult>();
    for (const broadcasterId of ids) {
      const stream = streams.find((s) => s.user_id === broadcasterId) as
        EventData<'LiveStreamSampled'>['stream'] | undefined;
      const eventsWritten = await this.states.record(broadcasterId, (state) =>
        liveSampleFacts(state, broadcasterId, stream, context),
      );
      results.set(broadcasterId, { eventsWritten, gameIds: presentIds(stream?.game_id) });
    }
    return results;
  }
}
