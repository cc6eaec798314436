/**
 * What every collection command shares: why it runs (job id, source) and what it reports back
 * (events written, games seen, so their metadata can be fetched too).
 */
import type { EventMetadata } from '@creatorsync/projections';
import type { EventStore, NewEvent } from '../../event-store/event-store.port.js';
import { appendNewFacts } from '../append-new-facts.js';

export interface FetchReason {
  correlationId: string;
  source: EventMetadata['source'];
}

export interface FetchResult {
  eventsWritten: number;
  gameIds: string[];
}

export async function recordFacts(eventStore: EventStore, streamId: string, facts: NewEvent[]): Promise<number> {
  if (facts.length === 0) return 0;
  return (await appendNewFacts(eventStore, streamId, facts)).written;
}

export const presentIds = (...ids: Array<string | null | undefined>): string[] => [
  ...new Set(ids.filter((id): id is string => !!id)),
];
