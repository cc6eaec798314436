import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { channelStream, type EventData } from '@creatorsync/projections';
import { CLOCK, EVENT_STORE, HELIX_CLIENT } from '../../app/tokens.js';
import type { Clock } from '../../clock.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { clipFacts } from '../facts/channel-facts.js';
import { ChannelStateStore } from '../facts/channel-state-store.js';
import { CLIP_LOOKBACK_DAYS, CollectClips } from './collect-clips.command.js';
import { presentIds, recordFacts, type FetchResult } from './fetch-command.js';

@CommandHandler(CollectClips)
export class CollectClipsHandler implements ICommandHandler<CollectClips> {
  constructor(
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: ChannelStateStore,
  ) {}

  async execute({ broadcasterId, reason }: CollectClips): Promise<FetchResult> {
    const endedAt = this.clock.now();
    const clips = await this.helix.getClips(broadcasterId, { startedAt: new Date(endedAt.getTime() - CLIP_LOOKBACK_DAYS * 86_400_000), endedAt });
    const facts = clipFacts(await this.states.load(broadcasterId), broadcasterId, clips as Array<EventData<'ClipStatsFetched'>['clip']>, { ...reason, fetchedAt: this.clock.now() });
    return { eventsWritten: await recordFacts(this.eventStore, channelStream(broadcasterId), facts), gameIds: presentIds(...clips.map((c) => c.game_id)) };
  }
}
