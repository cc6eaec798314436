/**
 * Appends only the facts a stream does not hold yet. The write side reads its own stream's recent
 * events, drops events whose (deterministic) ids are already there — a retried job, an overlapping
 * run, a re-run backfill — and appends the rest with the revision it read as the expected one, so
 * a concurrent writer makes it re-read instead of interleaving.
 */
import type { EventStore, NewEvent } from '../event-store/event-store.port.js';
import { StreamNotFoundError, WrongExpectedVersionError } from '../event-store/errors.js';
import type { Position } from '../event-store/position.js';

/** How far back a repeat is looked for: repeats come from the same or an overlapping run. */
const RECENT_EVENTS = 200;
const ATTEMPTS = 5;

export interface AppendedFacts {
  written: number;
  skipped: number;
  /** Position of the stream's last event after the append (null for an empty stream). */
  position: Position | null;
}

export async function appendNewFacts(
  eventStore: EventStore,
  streamId: string,
  events: NewEvent[],
): Promise<AppendedFacts> {
  for (let attempt = 1; ; attempt++) {
    let recent: Awaited<ReturnType<EventStore['readStream']>> = [];
    try {
      recent = await eventStore.readStream(streamId, { direction: 'backwards', maxCount: RECENT_EVENTS });
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    const known = new Set(recent.map((e) => e.id));
    const fresh = events.filter((e) => !known.has(e.id));
    const last = recent[0];
    if (fresh.length === 0) return { written: 0, skipped: events.length, position: last?.position ?? null };
    try {
      const result = await eventStore.append(streamId, fresh, { expectedRevision: last ? last.revision : 'no_stream' });
      return { written: fresh.length, skipped: events.length - fresh.length, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= ATTEMPTS) throw error;
    }
  }
}
