/**
 * A channel's stream as the write side uses it: its state (folded from the stream, kept in memory
 * and brought up to date by reading only the events appended since, by this or any other writer),
 * and `record`, which decides on that state and appends with the state's revision as the expected
 * one. When another writer got there first, the append fails, the state catches up and the
 * decision is made again, so nothing is decided on stale knowledge and nothing needs re-reading
 * in the usual case. Games: whether a game's metadata is recorded, from the last event of its stream.
 */
import { Inject, Injectable } from '@nestjs/common';
import { channelStream, gameStream } from '@creatorsync/projections';
import { EVENT_STORE } from '../../event-store/event-store.port.js';
import { StreamNotFoundError, WrongExpectedVersionError } from '../../event-store/errors.js';
import type { EventStore, NewEvent } from '../../event-store/event-store.port.js';
import {
  contentHash,
  emptyChannelState,
  evolveChannelState,
  forgetMediaBeyondLookback,
  type ChannelState,
} from './channel-state.js';
import { must } from '../../must.js';
import { alreadyRecorded } from './channel-facts.js';

const PAGE = 500;
/** Channels whose state is kept between runs (least recently used ones are dropped). */
const MAX_CACHED_CHANNELS = 20_000;
const ATTEMPTS = 5;

interface Cached {
  state: ChannelState;
  /** Last revision folded in, -1n for none. */
  revision: bigint;
}

@Injectable()
export class ChannelStateStore {
  private readonly channels = new Map<string, Cached>();
  private readonly games = new Map<string, string>();
  /** One decide-and-append at a time per channel in this process (its commands run in parallel). */
  private readonly recording = new Map<string, Promise<unknown>>();

  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  /** Decides on the channel's current state and appends the result; returns the number of events written. */
  record(broadcasterId: string, decide: (state: ChannelState) => NewEvent[]): Promise<number> {
    const previous = this.recording.get(broadcasterId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.decideAndAppend(broadcasterId, decide));
    this.recording.set(broadcasterId, next);
    void next
      .catch(() => undefined)
      .finally(() => this.recording.get(broadcasterId) === next && this.recording.delete(broadcasterId));
    return next;
  }

  /** The channel's state including every event appended so far. (A live object: read it at once, do not keep it.) */
  async load(broadcasterId: string): Promise<ChannelState> {
    return (await this.catchUp(broadcasterId)).state;
  }

  /** game id → hash of the game object last recorded, for the ids asked. */
  async knownGames(gameIds: readonly string[]): Promise<Map<string, string>> {
    const known = new Map<string, string>();
    for (const gameId of new Set(gameIds)) {
      let hash = this.games.get(gameId);
      if (hash === undefined) {
        const [last] = await this.read(gameStream(gameId), 'end', 'backwards', 1);
        if (last) {
          hash = contentHash((last.data as { game: unknown }).game);
          this.games.set(gameId, hash);
        }
      }
      if (hash !== undefined) known.set(gameId, hash);
    }
    return known;
  }

  /** Remembers what was just appended to a game's stream. */
  gameRecorded(gameId: string, game: unknown): void {
    this.games.set(gameId, contentHash(game));
  }

  private async decideAndAppend(broadcasterId: string, decide: (state: ChannelState) => NewEvent[]): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const cached = await this.catchUp(broadcasterId);
      // A decision that records something each time (a job's media check) may repeat what a retried
      // or taken-over run already recorded: the append below would not refuse it (expected revision).
      const facts = decide(cached.state).filter((event) => !alreadyRecorded(cached.state, event));
      if (facts.length === 0) return 0;
      try {
        await this.eventStore.append(channelStream(broadcasterId), facts, {
          expectedRevision: cached.revision < 0n ? 'no_stream' : cached.revision,
        });
        return facts.length;
      } catch (error) {
        // Another writer appended first: catch up with what it wrote and decide again.
        if (!(error instanceof WrongExpectedVersionError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private async catchUp(broadcasterId: string): Promise<Cached> {
    const cached = this.channels.get(broadcasterId) ?? { state: emptyChannelState(), revision: -1n };
    const before = cached.revision;
    for (;;) {
      const events = await this.read(channelStream(broadcasterId), cached.revision + 1n);
      for (const event of events) {
        // Concurrent loads of one channel: fold each event once, in revision order.
        if (event.revision <= cached.revision) continue;
        evolveChannelState(cached.state, event);
        cached.revision = event.revision;
      }
      if (events.length < PAGE) break;
    }
    // Only new events change what is beyond the lookback (it is measured from the last fetch).
    if (cached.revision !== before) forgetMediaBeyondLookback(cached.state);
    this.channels.delete(broadcasterId);
    this.channels.set(broadcasterId, cached);
    if (this.channels.size > MAX_CACHED_CHANNELS)
      this.channels.delete(must(this.channels.keys().next().value, 'this.channels.keys().next().value'));
    return cached;
  }

  private async read(
    streamId: string,
    fromRevision: bigint | 'end',
    direction: 'forwards' | 'backwards' = 'forwards',
    maxCount = PAGE,
  ) {
    try {
      return await this.eventStore.readStream(streamId, { fromRevision, direction, maxCount });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
}
