import type { TableSpec } from '@creatorsync/projections';
import { WorkingSet } from './working-set.js';
import { must } from '../must.js';

const days: TableSpec = {
  name: 'days',
  primaryKey: ['channel_id', 'day'],
  columns: { channel_id: 'text', day: 'date', followers: 'bigint' },
};
const day = (channel_id: string, d: string, followers: number) => ({ channel_id, day: d, followers });

describe('WorkingSet', () => {
  it('reads back what was put, as a copy', () => {
    const set = new WorkingSet([days], { complete: true });
    set.put('days', day('1', '2026-01-01', 10));
    const row = must(
      set.get<{ followers: number }>('days', { channel_id: '1', day: '2026-01-01' }),
      "set.get<{ followers: number }>('days', { channel_id: '1', day: '2026-…",
    );
    row.followers = 99;
    expect(set.get('days', { channel_id: '1', day: '2026-01-01' })).toEqual(day('1', '2026-01-01', 10));
    expect(set.get('days', { channel_id: '1', day: '2026-01-02' })).toBeUndefined();
  });

  it('undoes every change of an event that threw half-way, and keeps the earlier ones', () => {
    const set = new WorkingSet([days], { complete: true });
    set.beginEvent();
    set.put('days', day('1', '2026-01-01', 10));
    set.beginEvent();
    set.put('days', day('1', '2026-01-01', 11));
    set.put('days', day('1', '2026-01-02', 12));
    set.delete('days', { channel_id: '1', day: '2026-01-01' });
    set.undoEvent();
    expect(set.get('days', { channel_id: '1', day: '2026-01-01' })).toEqual(day('1', '2026-01-01', 10));
    expect(set.get('days', { channel_id: '1', day: '2026-01-02' })).toBeUndefined();
    expect(set.takeChanges()).toEqual([{ spec: days, deleteKeys: [], inserts: [day('1', '2026-01-01', 10)] }]);
  });

  it('undoes only the failing event, after an earlier event that changed more rows', () => {
    const set = new WorkingSet([days], { complete: true });
    set.beginEvent();
    for (const d of ['2026-01-01', '2026-01-02', '2026-01-03']) set.put('days', day('1', d, 1));
    set.beginEvent();
    set.put('days', day('1', '2026-01-01', 2));
    set.undoEvent();
    expect(set.size()).toBe(3);
    expect(must(set.takeChanges()[0], 'set.takeChanges()[0]').inserts).toEqual(
      ['2026-01-01', '2026-01-02', '2026-01-03'].map((d) => day('1', d, 1)),
    );
    set.beginEvent();
    set.undoEvent();
    expect(set.size()).toBe(3);
  });

  it('writes a row undone away and then written again once, and a row undone back to clean not at all', () => {
    const set = new WorkingSet([days], { complete: true });
    set.put('days', day('1', '2026-01-01', 10));
    set.takeChanges();
    set.beginEvent();
    set.put('days', day('1', '2026-01-01', 11));
    set.put('days', day('1', '2026-01-02', 12));
    set.undoEvent();
    set.beginEvent();
    set.put('days', day('1', '2026-01-02', 13));
    expect(set.takeChanges()).toEqual([{ spec: days, deleteKeys: [], inserts: [day('1', '2026-01-02', 13)] }]);
    expect(set.size()).toBe(2);
    expect(set.takeChanges()).toEqual([]);
  });

  it('finds a row by key values of any type ("1" and 1 are the same key), whatever the other columns', () => {
    const set = new WorkingSet([days], { complete: true });
    set.put('days', { channel_id: 1, day: '2026-01-01', followers: 3 });
    expect(set.get('days', { channel_id: '1', day: '2026-01-01', followers: 0 })).toEqual({
      channel_id: 1,
      day: '2026-01-01',
      followers: 3,
    });
    expect(set.keyOf('days', { channel_id: '1', day: '2026-01-01' })).toBe(
      set.keyOf('days', { channel_id: 1, day: '2026-01-01' }),
    );
  });

  it('deletes before inserting only rows that are (or may be) stored', () => {
    const set = new WorkingSet([days], { complete: true });
    set.put('days', day('1', '2026-01-01', 10));
    expect(set.takeChanges()[0]).toMatchObject({ deleteKeys: [], inserts: [day('1', '2026-01-01', 10)] });
    // Committed once: the next change replaces the stored row, a delete removes it.
    set.put('days', day('1', '2026-01-01', 11));
    set.put('days', day('1', '2026-01-02', 5));
    set.delete('days', { channel_id: '1', day: '2026-01-02' });
    expect(set.takeChanges()[0]).toEqual({
      spec: days,
      deleteKeys: [{ channel_id: '1', day: '2026-01-01' }],
      inserts: [day('1', '2026-01-01', 11)],
    });

    // Not complete (rows were evicted, or the build resumed): a row it did not load may be stored.
    const partial = new WorkingSet([days], { complete: false });
    partial.load('days', { channel_id: '2', day: '2026-01-01' }, null);
    partial.put('days', day('2', '2026-01-01', 1));
    partial.put('days', day('3', '2026-01-01', 1));
    expect(must(partial.takeChanges()[0], 'partial.takeChanges()[0]').deleteKeys).toEqual([
      { channel_id: '3', day: '2026-01-01' },
    ]);
  });

  it('refuses a row with a column the table lacks, or without its key, or with an object as a key', () => {
    const set = new WorkingSet([days], { complete: true });
    expect(() => set.put('days', { ...day('1', '2026-01-01', 1), folowers: 2 })).toThrow(
      'has a column the table lacks: "folowers"',
    );
    expect(() => set.put('days', { channel_id: '1', followers: 2 })).toThrow('lacks key column "day"');
    expect(() => set.put('days', { channel_id: '1', day: { y: 2026 }, followers: 2 })).toThrow(
      'Key column "day" of "days" holds an object, not a scalar',
    );
    expect(() => set.get('nope', {})).toThrow('not owned by this projection');
  });

  it('knows every row while complete, and only loaded ones after being cleared', () => {
    const set = new WorkingSet([days], { complete: true });
    expect(set.knows('days', { channel_id: '1', day: '2026-01-01' })).toBe(true);
    set.clear();
    expect(set.knows('days', { channel_id: '1', day: '2026-01-01' })).toBe(false);
    set.load('days', { channel_id: '1', day: '2026-01-01' }, day('1', '2026-01-01', 3));
    expect(set.knows('days', { channel_id: '1', day: '2026-01-01' })).toBe(true);
    expect(set.size()).toBe(1);
  });
});
