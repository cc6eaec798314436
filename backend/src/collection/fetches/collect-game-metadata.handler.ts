import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { gameStream } from '@creatorsync/projections';
import { HELIX_CLIENT } from '../../twitch/helix-client.js';
import { EVENT_STORE } from '../../event-store/event-store.port.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { gameFacts } from '../facts/channel-facts.js';
import { ChannelStateStore } from '../facts/channel-state-store.js';
import { CollectGameMetadata } from './collect-game-metadata.command.js';
import { recordFacts } from './fetch-command.js';

@CommandHandler(CollectGameMetadata)
export class CollectGameMetadataHandler implements ICommandHandler<CollectGameMetadata> {
  constructor(
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: ChannelStateStore,
  ) {}

  /** Games being fetched right now: channels of one batch often share a game, and it is fetched once. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  async execute(command: CollectGameMetadata): Promise<{ eventsWritten: number }> {
    const ids = [...new Set(command.gameIds)];
    // Registered before the first await, so a command arriving in the same tick waits for this one.
    const earlier = ids.flatMap((id) => this.inFlight.get(id) ?? []);
    const work = Promise.allSettled(earlier).then(() => this.fetchAndRecord(ids, command.reason));
    const mine = ids.filter((id) => !this.inFlight.has(id));
    mine.forEach((id) => this.inFlight.set(id, work));
    try {
      return await work;
    } finally {
      mine.forEach((id) => this.inFlight.get(id) === work && this.inFlight.delete(id));
    }
  }

  private async fetchAndRecord(
    gameIds: string[],
    reason: CollectGameMetadata['reason'],
  ): Promise<{ eventsWritten: number }> {
    const known = await this.states.knownGames(gameIds);
    // Games change rarely (a new box art): the ones already recorded are not asked for again.
    const unknown = [...new Set(gameIds)].filter((id) => !known.has(id));
    if (unknown.length === 0) return { eventsWritten: 0 };
    const games = await this.helix.getGames(unknown);
    const context = { ...reason, fetchedAt: this.clock.now() };
    let eventsWritten = 0;
    for (const event of gameFacts(known, games, context)) {
      const { gameId, game } = event.data as { gameId: string; game: unknown };
      eventsWritten += await recordFacts(this.eventStore, gameStream(gameId), [event]);
      this.states.gameRecorded(gameId, game);
    }
    return { eventsWritten };
  }
}
