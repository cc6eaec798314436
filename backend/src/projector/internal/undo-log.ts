/**
 * The working set's undo log: per change since the event began, the changed entry, its row before,
 * whether it was known before, and whether it was dirty before. One put records one change, and a
 * rebuild puts millions of rows, so the log keeps its records flat in one array it reuses from event
 * to event instead of allocating an object per change (the array keeps its storage when it is
 * emptied by resetting the length in use).
 */
export class UndoLog<Entry, Row> {
  private slots: unknown[] = [];
  private used = 0;

  record(entry: Entry, rowBefore: Row | null, knownBefore: boolean, dirtyBefore: boolean): void {
    const slots = this.slots;
    const at = this.used;
    slots[at] = entry;
    slots[at + 1] = rowBefore;
    slots[at + 2] = knownBefore;
    slots[at + 3] = dirtyBefore;
    this.used = at + 4;
  }

  /** Hands each change to `revert`, newest first, then empties the log. */
  unwind(revert: (entry: Entry, rowBefore: Row | null, knownBefore: boolean, dirtyBefore: boolean) => void): void {
    const slots = this.slots;
    for (let at = this.used - 4; at >= 0; at -= 4)
      revert(slots[at] as Entry, slots[at + 1] as Row | null, slots[at + 2] as boolean, slots[at + 3] as boolean);
    this.used = 0;
  }

  /** Forgets the changes recorded (they are committed, or the event succeeded). */
  reset(): void {
    this.used = 0;
  }

  /** Forgets the changes and gives up the storage (the set is cleared). */
  release(): void {
    this.slots = [];
    this.used = 0;
  }

  get size(): number {
    return this.used / 4;
  }
}
