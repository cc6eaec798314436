import { RedoLog } from './redo-log.js';
import { UndoLog } from './undo-log.js';

describe('undo log', () => {
  it('hands back every change newest first, with what each entry was before, then is empty', () => {
    const log = new UndoLog<string, { n: number }>();
    log.record('a', null, false, false);
    log.record('b', { n: 1 }, true, true);
    log.record('a', { n: 2 }, true, false);
    const seen: unknown[] = [];
    log.unwind((...change) => seen.push(change));
    expect(seen).toEqual([
      ['a', { n: 2 }, true, false],
      ['b', { n: 1 }, true, true],
      ['a', null, false, false],
    ]);
    expect(log.size).toBe(0);
    log.unwind(() => seen.push('again'));
    expect(seen).toHaveLength(3);
  });

  it('after a reset records anew: nothing of the earlier event comes back', () => {
    const log = new UndoLog<string, null>();
    log.record('old', null, true, true);
    log.record('old', null, true, true);
    log.reset();
    log.record('new', null, false, false);
    const seen: string[] = [];
    log.unwind((entry) => seen.push(entry));
    expect(seen).toEqual(['new']);
  });
});

describe('redo log', () => {
  it('gives the events back oldest first with their positions and times, once', () => {
    const log = new RedoLog<string, number>();
    const t1 = new Date('2026-01-01T00:00:00Z');
    const t2 = new Date('2026-01-02T00:00:00Z');
    log.record('first', 1, t1);
    log.record('second', 2, t2);
    expect(log.size).toBe(2);
    expect(log.take()).toEqual({
      decoded: ['first', 'second'],
      events: [
        { position: 1, createdAt: t1 },
        { position: 2, createdAt: t2 },
      ],
    });
    expect(log.take()).toEqual({ decoded: [], events: [] });
  });

  it('forgets on clear', () => {
    const log = new RedoLog<string, number>();
    log.record('x', 1, new Date());
    log.clear();
    expect(log.size).toBe(0);
  });
});
