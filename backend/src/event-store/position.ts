/**
 * A place in the whole log, ordered like EventStoreDB's `$all` position: by `commit`, then `prepare`.
 * EventStoreDB: its own commit/prepare positions. Postgres adapter: both are the event's place
 * in commit order (given out under a lock held to commit, see postgres/event-rows.ts); events
 * written before that scheme keep their old (transaction id, sequence) positions, all lower.
 */
import { must } from '../must.js';

export interface Position {
  commit: bigint;
  prepare: bigint;
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** The text form used in checkpoints, consistency tokens and APIs: `<commit>-<prepare>`. */
export function formatPosition(p: Position): string {
  return `${p.commit}-${p.prepare}`;
}

export function parsePosition(text: string): Position {
  const match = /^(\d{1,20})-(\d{1,20})$/.exec(text);
  if (!match) throw new InvalidPositionError(text);
  return { commit: BigInt(must(match[1], 'match[1]')), prepare: BigInt(must(match[2], 'match[2]')) };
}

export class InvalidPositionError extends Error {
  constructor(readonly text: string) {
    super(`"${text}" is not a log position (expected "<commit>-<prepare>", two whole numbers)`);
    this.name = 'InvalidPositionError';
  }
}
