/** Why and when a fact was recorded. Never holds a secret (tokens, client secrets). */
export interface EventMetadata {
  /** The collection job that recorded it (its id), or another correlating id. */
  correlationId: string;
  /** What caused the fetch. */
  source: 'scheduled' | 'manual' | 'backfill' | 'eventsub' | 'simulator';
  /** The version of the event's data shape, for upcasting old events. */
  schemaVersion: number;
  /** When the data was fetched from Twitch (ISO 8601, UTC). */
  fetchedAt: string;
}

/** An event as projections see it: catalogue type and data, plus where it sits in the log. */
export interface CatalogueEnvelope<Type extends string, Data> {
  type: Type;
  data: Data;
  metadata: EventMetadata;
  streamId: string;
  /** The log position in text form (`<commit>-<prepare>`), for error reports. */
  position: string;
  id: string;
}
