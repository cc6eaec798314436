/**
 * Helpers for the event-store contract suite. Every test names its own streams and event types
 * with a random part, so the suite can run against a shared EventStoreDB where other tests (and
 * other runs) write at the same time, and only ever looks at its own events.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { WrongExpectedVersionError } from '../errors.js';
import type {
  AllSubscription,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
  SubscriptionBatch,
} from '../event-store.port.js';
import { comparePositions } from '../position.js';
import { must } from '../../must.js';

/** Long enough for a slow CI machine, and only ever reached when something is broken. */
export const WAIT_TIMEOUT_MS = 30_000;

export function uniquePrefix(label: string): string {
  return `contract-${label}-${randomBytes(5).toString('hex')}-`;
}

export function newEvent(
  type: string,
  data: Record<string, unknown> = {},
  metadata: Record<string, unknown> = { test: true },
): NewEvent {
  return { id: randomUUID(), type, data, metadata };
}

export function newEvents(count: number, type = 'ThingHappened'): NewEvent[] {
  return Array.from({ length: count }, (_, n) => newEvent(type, { n }));
}

export async function expectWrongExpectedVersion(
  attempt: Promise<unknown>,
  expected: { streamId: string; expected: ExpectedRevision; actual: bigint | 'no_stream' },
): Promise<void> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  const wrong = error as WrongExpectedVersionError;
  expect({ streamId: wrong.streamId, expected: wrong.expected, actual: wrong.actual }).toEqual(expected);
}

export async function expectRejection(attempt: Promise<unknown>): Promise<unknown> {
  return attempt.then(
    () => {
      throw new Error('expected the call to fail, but it succeeded');
    },
    (e: unknown) => e,
  );
}

export function expectStrictlyIncreasingPositions(events: readonly RecordedEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    if (comparePositions(must(events[i - 1], 'events[i - 1]').position, must(events[i], 'events[i]').position) >= 0) {
      throw new Error(
        `positions are not strictly increasing at index ${i}: ${fmt(must(events[i - 1], 'events[i - 1]'))} then ${fmt(must(events[i], 'events[i]'))}`,
      );
    }
  }
}

function fmt(e: RecordedEvent): string {
  return `${e.id}@${e.position.commit}-${e.position.prepare}`;
}

/** What a subscription threw, as an Error (a thrown non-Error becomes one with its text as the message). */
function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}

/** Consumes a subscription in the background and records what it yields, so tests can wait for events. */
export class SubscriptionRecorder {
  readonly batches: SubscriptionBatch[] = [];
  readonly events: RecordedEvent[] = [];
  readonly finished: Promise<void>;
  private failure: Error | null = null;
  private ended = false;
  private readonly waiters = new Set<() => void>();

  constructor(readonly subscription: AllSubscription) {
    this.finished = this.consume();
  }

  ids(): string[] {
    return this.events.map((e) => e.id);
  }

  get caughtUpSeen(): boolean {
    return this.batches.some((b) => b.caughtUp);
  }

  /** Waits until `condition` holds; fails with `what` if the subscription ends or errors first, or after WAIT_TIMEOUT_MS. */
  async waitFor(what: string, condition: () => boolean): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        const check = () => {
          if (this.failure) reject(this.failure);
          else if (condition()) resolve();
          else if (this.ended) reject(new Error(`subscription ended before: ${what}`));
          else return;
          this.waiters.delete(check);
        };
        timer = setTimeout(() => {
          this.waiters.delete(check);
          reject(
            new Error(
              `timed out waiting for: ${what} (received ${this.events.length} events in ${this.batches.length} batches)`,
            ),
          );
        }, WAIT_TIMEOUT_MS);
        this.waiters.add(check);
        check();
      });
    } finally {
      clearTimeout(timer);
    }
  }

  waitForIds(ids: readonly string[]): Promise<void> {
    return this.waitFor(`${ids.length} events`, () => {
      const seen = new Set(this.ids());
      return ids.every((id) => seen.has(id));
    });
  }

  async close(): Promise<void> {
    await this.subscription.close();
    await this.finished;
    if (this.failure) throw this.failure;
  }

  private async consume(): Promise<void> {
    try {
      for await (const batch of this.subscription) {
        this.batches.push(batch);
        this.events.push(...batch.events);
        this.poke();
      }
    } catch (error) {
      this.failure = asError(error ?? new Error('subscription failed'));
    } finally {
      this.ended = true;
      this.poke();
    }
  }

  private poke(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
