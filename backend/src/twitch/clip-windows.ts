/**
 * Helix returns about 1,000 clips at most for one query, however many pages are read. A time
 * window that comes back at the cap may be cut short, so it is split in half and each half is
 * read again, down to a minimum window length.
 */
import { must } from '../must.js';

export interface TimeWindow {
  start: Date;
  end: Date;
}

export interface ClipWindowOptions {
  /** A window that yields at least this many clips is treated as truncated. */
  capThreshold: number;
  minWindowMs: number;
}

export function splitWindow(window: TimeWindow): [TimeWindow, TimeWindow] {
  const middle = new Date(Math.floor((window.start.getTime() + window.end.getTime()) / 2 / 1000) * 1000);
  return [
    { start: window.start, end: middle },
    { start: middle, end: window.end },
  ];
}

export async function walkClipWindows<T>(
  window: TimeWindow,
  fetchWindow: (window: TimeWindow) => Promise<T[]>,
  idOf: (item: T) => string,
  options: ClipWindowOptions,
): Promise<T[]> {
  const found = new Map<string, T>();
  const pending: TimeWindow[] = [window];
  while (pending.length > 0) {
    const next = must(pending.shift(), 'pending.shift()');
    const items = await fetchWindow(next);
    items.forEach((item) => found.set(idOf(item), item));
    // The most viewed clips of a capped window are in hand; the halves find the rest.
    const splittable = next.end.getTime() - next.start.getTime() >= 2 * options.minWindowMs;
    if (items.length >= options.capThreshold && splittable) pending.unshift(...splitWindow(next));
  }
  return [...found.values()];
}
