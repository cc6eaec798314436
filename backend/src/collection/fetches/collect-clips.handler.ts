import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { HELIX_CLIENT } from '../../twitch/helix-client.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { clipFacts, mediaCheckFact } from '../facts/channel-facts.js';
import { ChannelStateStore } from '../facts/channel-state-store.js';
import { DAY_MS } from '../facts/lookback.js';
import { withBroadcasterToken } from './broadcaster-token.js';
import { CLIP_LOOKBACK_DAYS, CollectClips } from './collect-clips.command.js';
import { CollectGameMetadata } from './collect-game-metadata.command.js';
import { presentIds, type FetchResult } from './fetch-command.js';

/** Overlap with the previous check's window, so a clip created during that fetch is not missed. */
const OVERLAP_MS = 60 * 60_000;
/** The longest window a recent-clips check reads (a channel not checked for months). */
const MAX_WINDOW_DAYS = 90;

@CommandHandler(CollectClips)
export class CollectClipsHandler implements ICommandHandler<CollectClips> {
  constructor(
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: ChannelStateStore,
    private readonly commands: CommandBus,
  ) {}

  async execute({ broadcasterId, reason, connected }: CollectClips): Promise<FetchResult> {
    const endedAt = this.clock.now();
    const lastCheckMs = (await this.states.load(broadcasterId)).mediaChecks['recent-clips'];
    // Checks are not daily for every channel: the window reaches back to the previous check.
    const startMs = Math.max(
      endedAt.getTime() - MAX_WINDOW_DAYS * DAY_MS,
      Math.min(endedAt.getTime() - CLIP_LOOKBACK_DAYS * DAY_MS, (lastCheckMs ?? Infinity) - OVERLAP_MS),
    );
    const clips = await withBroadcasterToken(broadcasterId, connected, (as) =>
      this.helix.getClips(broadcasterId, { startedAt: new Date(startMs), endedAt }, as),
    );
    // The clips' games are recorded before the check that says these clips were seen: a process
    // killed in between would otherwise resume with the check done and never learn those games.
    const gameIds = presentIds(...clips.map((c) => c.game_id));
    const games =
      gameIds.length > 0 ? await this.commands.execute(new CollectGameMetadata(gameIds, reason)) : undefined;
    const context = { ...reason, fetchedAt: this.clock.now() };
    const recorded = await this.states.record(broadcasterId, (state) => {
      const facts = clipFacts(state, broadcasterId, clips, context);
      return [...facts, mediaCheckFact(state, broadcasterId, 'recent-clips', clips, facts.length, context)];
    });
    return { eventsWritten: (games?.eventsWritten ?? 0) + recorded, gameIds: [] };
  }
}
