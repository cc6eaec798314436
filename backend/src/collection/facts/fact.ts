/**
 * Builds one event for the log: catalogue type, data as fetched, a deterministic id, and metadata
 * saying why and when it was fetched (never a secret). Every decision uses this, so every event
 * carries its catalogue schema version.
 */
import { eventCatalogue, type EventData, type EventMetadata, type EventType } from '@creatorsync/projections';
import type { NewEvent } from '../../event-store/event-store.port.js';
import { deterministicEventId } from '../deterministic-event-id.js';

/** Why and when a fetch happened: the job (correlation id), what caused it, and the fetch time. */
export interface FetchContext {
  correlationId: string;
  source: EventMetadata['source'];
  fetchedAt: Date;
}

/** Twitch answered with something the catalogue's shape does not accept: recorded as a failed fetch, not as an event. */
export class UnexpectedTwitchDataError extends Error {
  constructor(
    readonly eventType: string,
    detail: string,
  ) {
    super(`Twitch data does not fit ${eventType}: ${detail}`);
    this.name = 'UnexpectedTwitchDataError';
  }
}

export function fact<T extends EventType>(
  type: T,
  data: EventData<T>,
  idParts: Array<string | number>,
  context: FetchContext,
): NewEvent<EventData<T>, EventMetadata> {
  // The catalogue is the contract: nothing that a projection could not decode enters the log.
  const checked = eventCatalogue[type].schema.safeParse(data);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new UnexpectedTwitchDataError(type, `${issue?.path.join('.') || '(data)'}: ${issue?.message ?? 'invalid'}`);
  }
  return {
    id: deterministicEventId(type, ...idParts),
    type,
    data,
    metadata: {
      correlationId: context.correlationId,
      source: context.source,
      schemaVersion: eventCatalogue[type].version,
      fetchedAt: context.fetchedAt.toISOString(),
    },
  };
}

/** The UTC day (YYYY-MM-DD) of a time: daily snapshots are keyed by it. */
export const utcDay = (time: Date | string): string =>
  (typeof time === 'string' ? new Date(time) : time).toISOString().slice(0, 10);

/** The minute of a time: one live sample per channel and minute. */
export const utcMinute = (time: Date): string => time.toISOString().slice(0, 16);

/**
 * The period in which an unchanged snapshot is recorded once: a UTC day for profiles and
 * subscribers (daily history), ten minutes for the follower total, so that every observation the
 * daily job or the live poll (at most every 10 minutes while live) makes is in the log, and
 * "fetched during the stream, unchanged" is known rather than lost.
 */
export function snapshotSlot(kind: string, time: Date | string): string {
  if (kind !== 'FollowerCountFetched') return utcDay(time);
  const iso = (typeof time === 'string' ? new Date(time) : time).toISOString();
  return `${iso.slice(0, 15)}0`; // YYYY-MM-DDTHH:M0
}
