import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventData } from '@creatorsync/projections';
import { HELIX_CLIENT } from '../../twitch/helix-client.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { clipFacts } from '../facts/channel-facts.js';
import { ChannelStateStore } from '../facts/channel-state-store.js';
import { CLIP_LOOKBACK_DAYS, CollectClips } from './collect-clips.command.js';
import { presentIds, type FetchResult } from './fetch-command.js';

@CommandHandler(CollectClips)
export class CollectClipsHandler implements ICommandHandler<CollectClips> {
  constructor(
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: ChannelStateStore,
  ) {}

  async execute({ broadcasterId, reason }: CollectClips): Promise<FetchResult> {
    const endedAt = this.clock.now();
    const clips = await this.helix.getClips(broadcasterId, {
      startedAt: new Date(endedAt.getTime() - CLIP_LOOKBACK_DAYS * 86_400_000),
      endedAt,
    });
    const context = { ...reason, fetchedAt: this.clock.now() };
    const eventsWritten = await this.states.record(broadcasterId, (state) =>
      clipFacts(state, broadcasterId, clips as Array<EventData<'ClipStatsFetched'>['clip']>, context),
    );
    return { eventsWritten, gameIds: presentIds(...clips.map((c) => c.game_id)) };
  }
}
