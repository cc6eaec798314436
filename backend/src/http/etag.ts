/**
 * Entity tags for read-model answers: a hash of everything the answer depends on (the read
 * model's version for the channels read, who asks, what is asked, and the day the answer is
 * computed for), so an unchanged read model answers `If-None-Match` with 304 without running the query.
 */
import { createHash } from 'node:crypto';

export interface EtagInput {
  /** Build and checkpoint of the channel-access projections read (read-model-version.ts). */
  readModelVersion: string;
  /** The builds of the other projections read, and where each changed the channels read (channel-positions.ts). */
  channelPositions: string;
  userId: string;
  /** The path and the query parameters, normalised (sorted, the consistency token left out). */
  path: string;
  query: Record<string, unknown>;
  /** Answers such as "the last 90 days" move at midnight UTC even when no event arrives. */
  day: string;
}

export function readModelEtag(input: EtagInput): string {
  const query = Object.keys(input.query)
    .sort()
    .map((key) => [key, input.query[key]]);
  const hash = createHash('sha256')
    .update(
      JSON.stringify([input.readModelVersion, input.channelPositions, input.userId, input.path, query, input.day]),
    )
    .digest('base64url')
    .slice(0, 32);
  return `"${hash}"`;
}

/** RFC 9110 §13.1.2: `*`, or a list of tags compared weakly (a `W/` prefix does not matter). */
export function ifNoneMatchMatches(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return text.split(',').some((tag) => opaque(tag) === wanted);
}
