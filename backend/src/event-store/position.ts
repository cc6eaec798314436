/**
 * A place in the whole log, ordered like EventStoreDB's `$all` position: by `commit`, then `prepare`.
 * EventStoreDB: its own commit/prepare positions. Postgres adapter: commit = the appending
 * transaction's id, prepare = the global sequence number, so the order is the order in which
 * events become visible to readers (see the adapter for why a plain sequence is not enough).
 */
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
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

export class InvalidPositionError extends Error {
  constructor(readonly text: string) {
    super(`"${text}" is not a log position (expected "<commit>-<prepare>", two whole numbers)`);
    this.name = 'InvalidPositionError';
  }
}
