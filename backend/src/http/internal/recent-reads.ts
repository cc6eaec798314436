/**
 * Reads of the read model's bookkeeping (active builds, their versions) reused for a short while
 * and shared while in flight, per key: for a cheap query one more round trip per request is a
 * large share of its cost. Safe for ETags because the value used was read before the request's own
 * query runs, so a tag is never newer than its data (at worst `maxAgeMs` older: one refetch). A
 * failed read is not reused: the next request tries again.
 */
export class RecentReads<T> {
  private readonly cache = new Map<string, { value: Promise<T>; readAtMs: number }>();

  constructor(
    private readonly maxAgeMs: number,
    /** Keys may come from clients (a metric's projection from its path): beyond this many, start over. */
    private readonly maxKeys = 1000,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  read(key: string, query: () => Promise<T>): Promise<T> {
    const now = this.nowMs();
    const cached = this.cache.get(key);
    if (cached && now - cached.readAtMs < this.maxAgeMs) return cached.value;
    const entry = { value: query(), readAtMs: now };
    if (this.cache.size >= this.maxKeys) this.cache.clear();
    this.cache.set(key, entry);
    entry.value.catch(() => this.cache.get(key) === entry && this.cache.delete(key));
    return entry.value;
  }
}
