/**
 * Event ids for facts that may be recorded twice (a retried fetch, a re-run backfill): a UUID v5
 * over what identifies the fact, so the second append carries the same id and the event store
 * treats it as already written.
 */
import { v5 as uuidv5 } from 'uuid';

/** Namespace of CreatorSync's event ids (a fixed random UUID). */
const EVENT_ID_NAMESPACE = '6c1f3f0e-4b7a-4f0c-9d0e-5f3f2a9b8c71';

export function deterministicEventId(...parts: Array<string | number>): string {
  return uuidv5(parts.join('\u241f'), EVENT_ID_NAMESPACE);
}

/** JSON with sorted keys, so equal content always hashes alike whatever the key order Twitch used. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
