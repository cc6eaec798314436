/**
 * Loads a channel's state from its stream, keeping it in memory and reading only the events
 * appended since (by this or any other writer), so a daily run does not re-read months of
 * samples. Games: whether a game's metadata is recorded, from the last event of its stream.
 */
import { Inject, Injectable } from '@nestjs/common';
import { channelStream, gameStream } from '@creatorsync/projections';
import { EVENT_STORE } from '../../app/tokens.js';
import { StreamNotFoundError } from '../../event-store/errors.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { contentHash, emptyChannelState, evolveChannelState, type ChannelState } from './channel-state.js';

const PAGE = 500;
/** Channels whose state is kept between runs (least recently used ones are dropped). */
const MAX_CACHED_CHANNELS = 20_000;

interface Cached {
  state: ChannelState;
  /** Last revision folded in, -1n for none. */
  revision: bigint;
}

@Injectable()
export class ChannelStateStore {
  private readonly channels = new Map<string, Cached>();
  private readonly games = new Map<string, string>();

  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  /** The channel's state including every event appended so far. (A live object: read it at once, do not keep it.) */
  async load(broadcasterId: string): Promise<ChannelState> {
    const cached = this.channels.get(broadcasterId) ?? { state: emptyChannelState(), revision: -1n };
    for (;;) {
      const events = await this.read(channelStream(broadcasterId), cached.revision + 1n);
      for (const event of events) {
        // Commands of one channel load concurrently: fold each event once, in revision order.
        if (event.revision <= cached.revision) continue;
        evolveChannelState(cached.state, event);
        cached.revision = event.revision;
      }
      if (events.length < PAGE) break;
    }
    this.channels.delete(broadcasterId);
    this.channels.set(broadcasterId, cached);
    if (this.channels.size > MAX_CACHED_CHANNELS) this.channels.delete(this.channels.keys().next().value!);
    return cached.state;
  }

  /** game id → hash of the game object last recorded, for the ids asked. */
  async knownGames(gameIds: readonly string[]): Promise<Map<string, string>> {
    const known = new Map<string, string>();
    for (const gameId of new Set(gameIds)) {
      let hash = this.games.get(gameId);
      if (hash === undefined) {
        const [last] = await this.read(gameStream(gameId), 'end', 'backwards', 1);
        if (last) hash = contentHash((last.data as { game: unknown }).game);
      }
      if (hash !== undefined) known.set(gameId, hash);
    }
    return known;
  }

  /** Remembers what was just appended to a game's stream. */
  gameRecorded(gameId: string, game: unknown): void {
    this.games.set(gameId, contentHash(game));
  }

  private async read(streamId: string, fromRevision: bigint | 'end', direction: 'forwards' | 'backwards' = 'forwards', maxCount = PAGE) {
    try {
      return await this.eventStore.readStream(streamId, { fromRevision, direction, maxCount });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
}
