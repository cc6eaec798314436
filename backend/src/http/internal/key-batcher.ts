/**
 * Turns many concurrent one-key requests into few round trips: a batch goes at the end of the
 * event-loop turn its first request came in (setImmediate: every request whose bytes were read in
 * that turn joins it, and a lone request waits for nothing but the turn's end); the requests that
 * arrive while a batch is in flight wait for it and then go together as the next batch. So under
 * load the number of statements stays near one per round trip instead of one per request.
 *
 * A batch never holds one key twice (a statement such as `INSERT ... ON CONFLICT DO UPDATE` may
 * not change one row twice): a second request for a key already in the batch being formed waits
 * for a later one, in arrival order. Each request gets its own key's result, or the batch's error.
 */

export type BatchRunner<K, R> = (keys: readonly K[]) => Promise<ReadonlyMap<K, R>>;

interface Waiting<K, R> {
  key: K;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class KeyBatcher<K, R> {
  private queue: Waiting<K, R>[] = [];
  /** A batch is in flight, or one is due at the end of this turn. */
  private busy = false;

  constructor(
    private readonly run: BatchRunner<K, R>,
    private readonly maxBatch = 1000,
    /** When a batch that nothing waits for goes: at the end of the turn (tests pass their own). */
    private readonly atTurnEnd: (send: () => void) => void = (send) => setImmediate(send),
  ) {}

  submit(key: K): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ key, resolve, reject });
      if (this.busy) return;
      this.busy = true;
      this.atTurnEnd(() => this.next());
    });
  }

  private next(): void {
    if (this.queue.length === 0) {
      this.busy = false;
      return;
    }
    const batch = new Map<K, Waiting<K, R>>();
    const later: Waiting<K, R>[] = [];
    for (const waiting of this.queue) {
      if (batch.has(waiting.key) || batch.size >= this.maxBatch) later.push(waiting);
      else batch.set(waiting.key, waiting);
    }
    this.queue = later;
    const keys = [...batch.keys()];
    const settle = (each: (waiting: Waiting<K, R>) => void) => {
      for (const waiting of batch.values()) each(waiting);
      this.next();
    };
    let started: Promise<ReadonlyMap<K, R>>;
    try {
      started = this.run(keys);
    } catch (error) {
      started = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    started.then(
      (results) =>
        settle((waiting) => {
          if (results.has(waiting.key)) waiting.resolve(results.get(waiting.key) as R);
          else waiting.reject(new Error(`batch returned no result for ${String(waiting.key)}`));
        }),
      (error: unknown) => settle((waiting) => waiting.reject(error)),
    );
  }
}
