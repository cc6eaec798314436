import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventData } from '@creatorsync/projections';
import { HELIX_CLIENT } from '../../twitch/helix-client.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { mediaCheckFact, videoFacts } from '../facts/channel-facts.js';
import { ChannelStateStore } from '../facts/channel-state-store.js';
import { withBroadcasterToken } from './broadcaster-token.js';
import { CollectVideos, VIDEO_LOOKBACK_DAYS } from './collect-videos.command.js';
import type { FetchResult } from './fetch-command.js';

@CommandHandler(CollectVideos)
export class CollectVideosHandler implements ICommandHandler<CollectVideos> {
  constructor(
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: ChannelStateStore,
  ) {}

  async execute({ broadcasterId, reason, connected }: CollectVideos): Promise<FetchResult> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - VIDEO_LOOKBACK_DAYS * 86_400_000);
    const videos = await withBroadcasterToken(broadcasterId, connected, (as) =>
      this.helix.getVideos(broadcasterId, { type: 'all', since, as }),
    );
    const context = { ...reason, fetchedAt: this.clock.now() };
    return {
      eventsWritten: await this.states.record(broadcasterId, (state) => {
        const facts = videoFacts(
          state,
          broadcasterId,
          videos as Array<EventData<'VideoStatsFetched'>['video']>,
          context,
        );
        return [...facts, mediaCheckFact(state, broadcasterId, 'videos', videos, facts.length, context)];
      }),
      gameIds: [],
    };
  }
}
