/** Offset cursors over a list computed per request, including the live-list faults Helix shows. */
import type { PageRequest } from './helix-query.js';
import { HelixBadRequest } from './helix-query.js';

export interface Page<T> {
  data: T[];
  pagination: { cursor?: string };
}

/** Shaped like Helix's own cursors (base64 JSON), though clients must treat them as opaque. */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ b: null, a: { Offset: offset } })).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const offset = field(field(decoded, 'a'), 'Offset');
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the 400 below
  }
  throw new HelixBadRequest('Invalid cursor');
}

/** `value[key]` of a parsed JSON value; undefined when `value` is no object. */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Anything that can hand out a slice: an array, or a lazily computed list such as followers. */
export interface Sliceable<T> {
  readonly length: number;
  slice(start: number, end: number): T[];
}

export function pageOf<T>(items: Sliceable<T>, request: PageRequest, fault?: 'repeat-page' | 'empty-page'): Page<T> {
  let start = 0;
  if (request.after !== undefined) start = decodeCursor(request.after);
  if (request.before !== undefined) start = Math.max(0, decodeCursor(request.before) - request.first);
  if (fault === 'empty-page') return { data: [], pagination: { cursor: encodeCursor(start) } };
  // As if items were inserted ahead while paging: half of the previous page shows up again.
  if (fault === 'repeat-page') start = Math.max(0, start - Math.ceil(request.first / 2));
  const end = start + request.first;
  return { data: items.slice(start, end), pagination: end < items.length ? { cursor: encodeCursor(end) } : {} };
}
