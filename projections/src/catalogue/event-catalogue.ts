/**
 * The event catalogue: every event type, its current schema version and data shape, and the
 * upcasters that lift older versions to the current one. This is the contract between the write
 * side (which appends these) and the read side (which projects them). Upcasting happens here,
 * once, so no projection ever sees an old version.
 */
import { z } from 'zod';
import { ChannelTimeZoneSetV1, TwitchAccountLinkedV1, TwitchAccountUnlinkedV1 } from './account-events.js';
import {
  ChannelMediaCheckedV1,
  ChannelProfileFetchedV1,
  ClipStatsFetchedV1,
  FollowerCountFetchedV1,
  LiveStreamSampledV1,
  StreamWentOfflineV1,
  SubscriberCountFetchedV1,
  SubscriberCountUnavailableV1,
  VideoStatsFetchedV1,
} from './channel-events.js';
import {
  BackfillCancelledV1,
  BackfillEstimatedV1,
  BackfillProgressRecordedV1,
  BackfillRequestedV1,
  FollowerCountReconstructedV1,
  FollowersListedV1,
  StreamSessionReconstructedV1,
} from './backfill-events.js';
import { GameMetadataFetchedV1 } from './game-events.js';
import {
  ChannelCollectedV1,
  ChannelCollectionFailedV1,
  CollectionJobCompletedV1,
  CollectionJobFailedV1,
  CollectionJobRequestedV1,
  CollectionJobStartedV1,
} from './job-events.js';
import type { CatalogueEnvelope } from './event-metadata.js';
import { fastParser, NO_FAST_RESULT, type FastParser } from '../internal/fast-parse.js';
import { must } from '../must.js';

/** type → { version: current schema version, schema: its data shape, upcasters: from older versions } */
export const eventCatalogue = {
  ChannelProfileFetched: { version: 1, schema: ChannelProfileFetchedV1, upcasters: {} },
  FollowerCountFetched: { version: 1, schema: FollowerCountFetchedV1, upcasters: {} },
  SubscriberCountFetched: { version: 1, schema: SubscriberCountFetchedV1, upcasters: {} },
  SubscriberCountUnavailable: { version: 1, schema: SubscriberCountUnavailableV1, upcasters: {} },
  LiveStreamSampled: { version: 1, schema: LiveStreamSampledV1, upcasters: {} },
  StreamWentOffline: { version: 1, schema: StreamWentOfflineV1, upcasters: {} },
  VideoStatsFetched: { version: 1, schema: VideoStatsFetchedV1, upcasters: {} },
  ClipStatsFetched: { version: 1, schema: ClipStatsFetchedV1, upcasters: {} },
  ChannelMediaChecked: { version: 1, schema: ChannelMediaCheckedV1, upcasters: {} },
  GameMetadataFetched: { version: 1, schema: GameMetadataFetchedV1, upcasters: {} },
  CollectionJobRequested: { version: 1, schema: CollectionJobRequestedV1, upcasters: {} },
  CollectionJobStarted: { version: 1, schema: CollectionJobStartedV1, upcasters: {} },
  ChannelCollected: { version: 1, schema: ChannelCollectedV1, upcasters: {} },
  ChannelCollectionFailed: { version: 1, schema: ChannelCollectionFailedV1, upcasters: {} },
  CollectionJobCompleted: { version: 1, schema: CollectionJobCompletedV1, upcasters: {} },
  CollectionJobFailed: { version: 1, schema: CollectionJobFailedV1, upcasters: {} },
  TwitchAccountLinked: { version: 1, schema: TwitchAccountLinkedV1, upcasters: {} },
  TwitchAccountUnlinked: { version: 1, schema: TwitchAccountUnlinkedV1, upcasters: {} },
  ChannelTimeZoneSet: { version: 1, schema: ChannelTimeZoneSetV1, upcasters: {} },
  FollowersListed: { version: 1, schema: FollowersListedV1, upcasters: {} },
  FollowerCountReconstructed: { version: 1, schema: FollowerCountReconstructedV1, upcasters: {} },
  StreamSessionReconstructed: { version: 1, schema: StreamSessionReconstructedV1, upcasters: {} },
  BackfillRequested: { version: 1, schema: BackfillRequestedV1, upcasters: {} },
  BackfillProgressRecorded: { version: 1, schema: BackfillProgressRecordedV1, upcasters: {} },
  BackfillEstimated: { version: 1, schema: BackfillEstimatedV1, upcasters: {} },
  BackfillCancelled: { version: 1, schema: BackfillCancelledV1, upcasters: {} },
} satisfies Record<string, CatalogueEntry>;

interface CatalogueEntry {
  version: number;
  schema: z.ZodType;
  /** fromVersion → function lifting data of that version to fromVersion + 1 */
  upcasters: Record<number, (data: unknown) => unknown>;
}

export type EventType = keyof typeof eventCatalogue;
export type EventData<T extends EventType> = z.infer<(typeof eventCatalogue)[T]['schema']>;
export type CatalogueEvent = { [T in EventType]: CatalogueEnvelope<T, EventData<T>> }[EventType];
export type EventOfType<T extends EventType> = Extract<CatalogueEvent, { type: T }>;

export const isCatalogueType = (type: string): type is EventType => Object.hasOwn(eventCatalogue, type);

/** The event could not be turned into its current catalogue shape; says which event and why. */
export class EventDecodeError extends Error {
  constructor(
    readonly eventId: string,
    readonly eventType: string,
    readonly position: string,
    reason: string,
  ) {
    super(`Event ${eventId} (${eventType} at ${position}): ${reason}`);
    this.name = 'EventDecodeError';
  }
}

interface StoredEventLike {
  id: string;
  type: string;
  streamId: string;
  position: string;
  data: unknown;
  metadata: unknown;
}

/** Compiled on first use of a type: compiling every schema up front would slow every start a little. */
const fastParsers = new Map<EventType, FastParser<unknown>>();
function parserOf(type: EventType): FastParser<unknown> {
  let parser = fastParsers.get(type);
  if (parser === undefined) fastParsers.set(type, (parser = fastParser(eventCatalogue[type].schema)));
  return parser;
}

/** Upcasts a stored event to the current version of its type and validates its data. */
export function decodeEvent(stored: StoredEventLike): CatalogueEvent {
  const fail = (reason: string) => new EventDecodeError(stored.id, stored.type, stored.position, reason);
  if (!isCatalogueType(stored.type)) throw fail('unknown event type');
  const entry: CatalogueEntry = eventCatalogue[stored.type];
  const metadata = stored.metadata as CatalogueEvent['metadata'] | null;
  const version = metadata?.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw fail('metadata.schemaVersion is missing or not a positive integer');
  }
  if (version > entry.version) {
    throw fail(`schema version ${version} is newer than this catalogue knows (${entry.version})`);
  }
  let data = stored.data;
  for (let v = version; v < entry.version; v++) {
    const upcast = entry.upcasters[v];
    if (!upcast) throw fail(`no upcaster from version ${v}`);
    data = upcast(data);
  }
  // The fast path (see fast-parse.ts) gives exactly safeParse's data; `data` itself when nothing is
  // stripped, which is fine because a stored event's data is parsed afresh for each read. Invalid
  // data goes to safeParse, for its message.
  let decoded = parserOf(stored.type)(data);
  if (decoded === NO_FAST_RESULT) {
    const parsed = entry.schema.safeParse(data);
    if (!parsed.success) throw fail(`malformed data: ${z.prettifyError(parsed.error)}`);
    decoded = parsed.data;
  }
  return {
    id: stored.id,
    type: stored.type,
    streamId: stored.streamId,
    position: stored.position,
    data: decoded,
    metadata: { ...must(metadata, 'metadata'), schemaVersion: entry.version },
  } as CatalogueEvent;
}
