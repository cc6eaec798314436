/**
 * Cursor pagination over Helix's live lists: items can repeat or be skipped between pages and a
 * page may come back empty with a cursor, so items are de-duplicated by id. A list either comes
 * back whole or the call throws: a cursor that keeps coming back, a run of pages that bring
 * nothing new, or the page limit reached with a cursor still pending all mean the end was never
 * seen, so they raise HelixIncompleteListError instead of returning what was read so far.
 */
import { HelixIncompleteListError } from './errors.js';

export interface FetchedPage<T> {
  items: T[];
  cursor: string | undefined;
}

export interface PagingOptions<T> {
  /** The Helix endpoint, named in the error when the list cannot be read to its end. */
  endpoint: string;
  idOf: (item: T) => string;
  /** Hard stop: reaching it with a cursor still pending is an error. */
  maxPages?: number;
  /** Stop once this many distinct items are in hand (the caller asked for no more). */
  maxItems?: number;
  /** Consecutive pages without a new item tolerated (near the end Helix sends a few empty pages). */
  maxFruitlessPages?: number;
  /** Times one cursor may be followed again (an empty page repeats its cursor) before it counts as a loop. */
  maxCursorRepeats?: number;
  /** Stop early: e.g. videos sorted newest first once a page reaches older than wanted. */
  stopAfter?: (page: T[]) => boolean;
}

export async function collectPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<FetchedPage<T>>,
  options: PagingOptions<T>,
): Promise<T[]> {
  const byId = new Map<string, T>();
  const { endpoint, maxPages = 1_000, maxItems = Infinity, maxFruitlessPages = 3, maxCursorRepeats = 3 } = options;
  const followed = new Map<string, number>();
  let cursor: string | undefined;
  let fruitless = 0;
  for (let pages = 0; ; pages++) {
    if (pages >= maxPages)
      throw new HelixIncompleteListError(endpoint, 'page-limit', `${maxPages} pages read and the cursor goes on`);
    const page = await fetchPage(cursor);
    const before = byId.size;
    for (const item of page.items) if (!byId.has(options.idOf(item))) byId.set(options.idOf(item), item);
    fruitless = byId.size > before ? 0 : fruitless + 1;
    if (!page.cursor || byId.size >= maxItems || options.stopAfter?.(page.items)) break;
    if (fruitless > maxFruitlessPages)
      throw new HelixIncompleteListError(endpoint, 'no-progress', `${fruitless} pages in a row brought nothing new`);
    const times = (followed.get(page.cursor) ?? 0) + 1;
    if (times > maxCursorRepeats + 1)
      throw new HelixIncompleteListError(endpoint, 'cursor-loop', `the same cursor came back ${times} times`);
    followed.set(page.cursor, times);
    cursor = page.cursor;
  }
  return [...byId.values()].slice(0, maxItems);
}
