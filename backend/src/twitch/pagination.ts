/**
 * Cursor pagination over Helix's live lists: items can repeat or be skipped between pages and a
 * page may come back empty with a cursor, so items are de-duplicated by id and paging stops after
 * a few pages that bring nothing new (or at the page limit) instead of looping.
 */
export interface FetchedPage<T> {
  items: T[];
  cursor: string | undefined;
}

export interface PagingOptions<T> {
  idOf: (item: T) => string;
  /** Hard stop, whatever the cursors say. */
  maxPages?: number;
  /** Stop once this many distinct items are in hand. */
  maxItems?: number;
  /** Consecutive pages without a new item tolerated before giving up on the cursor. */
  maxFruitlessPages?: number;
  /** Stop early: e.g. videos sorted newest first once a page reaches older than wanted. */
  stopAfter?: (page: T[]) => boolean;
}

export async function collectPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<FetchedPage<T>>,
  options: PagingOptions<T>,
): Promise<T[]> {
  const byId = new Map<string, T>();
  const { maxPages = 1_000, maxItems = Infinity, maxFruitlessPages = 3 } = options;
  let cursor: string | undefined;
  let fruitless = 0;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await fetchPage(cursor);
    const before = byId.size;
    for (const item of page.items) if (!byId.has(options.idOf(item))) byId.set(options.idOf(item), item);
    fruitless = byId.size > before ? 0 : fruitless + 1;
    if (!page.cursor || byId.size >= maxItems || fruitless > maxFruitlessPages || options.stopAfter?.(page.items))
      break;
    cursor = page.cursor;
  }
  return [...byId.values()].slice(0, maxItems);
}
