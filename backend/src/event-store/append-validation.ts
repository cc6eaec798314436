/**
 * Checks both adapters make before talking to their database, so a bad call fails the same
 * way everywhere (and before Postgres turns it into a constraint error or EventStoreDB into a
 * gRPC one).
 */
import type { NewEvent } from './event-store.port.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertAppendable(streamId: string, events: readonly NewEvent[]): void {
  if (typeof streamId !== 'string' || streamId.length === 0)
    throw new TypeError('A stream id must be a non-empty string');
  if (events.length === 0) throw new RangeError(`An append to "${streamId}" needs at least one event`);
  const seen = new Set<string>();
  for (const event of events) {
    if (typeof event.id !== 'string' || !UUID.test(event.id))
      throw new TypeError(`Event id "${String(event.id)}" is not a UUID`);
    if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`Event ${event.id} has no type`);
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new TypeError(`Event id ${event.id} appears twice in one append to "${streamId}"`);
    seen.add(id);
  }
}

export function assertMaxCount(maxCount: number | undefined): void {
  if (maxCount !== undefined && (!Number.isSafeInteger(maxCount) || maxCount < 1)) {
    throw new RangeError(`maxCount must be a whole number of at least 1, got ${String(maxCount)}`);
  }
}
