import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventData } from '@creatorsync/projections';
import { HELIX_CLIENT } from '../../twitch/helix-client.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { clipFacts, mediaCheckFact } from '../facts/channel-facts.js';
import { ChannelStateStore } from '../facts/channel-state-store.js';
import { withBroadcasterToken } from './broadcaster-token.js';
import { CollectTopClips, TOP_CLIPS } from './collect-top-clips.command.js';
import { presentIds, type FetchResult } from './fetch-command.js';

@CommandHandler(CollectTopClips)
export class CollectTopClipsHandler implements ICommandHandler<CollectTopClips> {
  constructor(
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: ChannelStateStore,
  ) {}

  async execute({ broadcasterId, reason, connected }: CollectTopClips): Promise<FetchResult> {
    const clips = await withBroadcasterToken(broadcasterId, connected, (as) =>
      this.helix.getTopClips(broadcasterId, { first: TOP_CLIPS, as }),
    );
    const context = { ...reason, fetchedAt: this.clock.now() };
    const eventsWritten = await this.states.record(broadcasterId, (state) => {
      const facts = clipFacts(state, broadcasterId, clips as Array<EventData<'ClipStatsFetched'>['clip']>, context);
      return [...facts, mediaCheckFact(state, broadcasterId, 'top-clips', clips, facts.length, context)];
    });
    return { eventsWritten, gameIds: presentIds(...clips.map((c) => c.game_id)) };
  }
}
