/**
 * What the build applier needs to redo the events applied since its last commit started: each
 * event's decoded form, log position and time. Not the recorded events themselves, whose parsed JSON
 * would then live until the commit too (kept a few seconds, it made up much of the garbage
 * collector's work in a rebuild); and flat in one array rather than an object per event, for the
 * same reason.
 */
export class RedoLog<Decoded, Position> {
  private slots: unknown[] = [];

  record(decoded: Decoded, position: Position, createdAt: Date): void {
    this.slots.push(decoded, position, createdAt);
  }

  /** The events recorded, oldest first, and empties the log. */
  take(): { decoded: Decoded[]; events: Array<{ position: Position; createdAt: Date }> } {
    const slots = this.slots;
    this.slots = [];
    const decoded: Decoded[] = [];
    const events: Array<{ position: Position; createdAt: Date }> = [];
    for (let at = 0; at < slots.length; at += 3) {
      decoded.push(slots[at] as Decoded);
      events.push({ position: slots[at + 1] as Position, createdAt: slots[at + 2] as Date });
    }
    return { decoded, events };
  }

  /** Forgets the events recorded (their commit succeeded). */
  clear(): void {
    this.slots = [];
  }

  get size(): number {
    return this.slots.length / 3;
  }
}
