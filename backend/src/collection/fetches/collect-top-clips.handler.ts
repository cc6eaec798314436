import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { HELIX_CLIENT } from '../../twitch/helix-client.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { clipFacts, mediaCheckFact } from '../facts/channel-facts.js';
import { ChannelStateStore } from '../facts/channel-state-store.js';
import { withBroadcasterToken } from './broadcaster-token.js';
import { CollectTopClips, TOP_CLIPS } from './collect-top-clips.command.js';
import { CollectGameMetadata } from './collect-game-metadata.command.js';
import { presentIds, type FetchResult } from './fetch-command.js';

@CommandHandler(CollectTopClips)
export class CollectTopClipsHandler implements ICommandHandler<CollectTopClips> {
  constructor(
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: ChannelStateStore,
    private readonly commands: CommandBus,
  ) {}

  async execute({ broadcasterId, reason, connected }: CollectTopClips): Promise<FetchResult> {
    const clips = await withBroadcasterToken(broadcasterId, connected, (as) =>
      this.helix.getTopClips(broadcasterId, { first: TOP_CLIPS, as }),
    );
    // The clips' games are recorded before the check that says these clips were seen: a process
    // killed in between would otherwise resume with the check done and never learn those games.
    const gameIds = presentIds(...clips.map((c) => c.game_id));
    const games =
      gameIds.length > 0 ? await this.commands.execute(new CollectGameMetadata(gameIds, reason)) : undefined;
    const context = { ...reason, fetchedAt: this.clock.now() };
    const recorded = await this.states.record(broadcasterId, (state) => {
      const facts = clipFacts(state, broadcasterId, clips, context);
      return [...facts, mediaCheckFact(state, broadcasterId, 'top-clips', clips, facts.length, context)];
    });
    return { eventsWritten: (games?.eventsWritten ?? 0) + recorded, gameIds: [] };
  }
}
