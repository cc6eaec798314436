import { MemoryRowSet } from './row-set.js';

describe('MemoryRowSet keys rows as production does', () => {
  const rows = () =>
    new MemoryRowSet([
      { name: 't', primaryKey: ['channel_id', 'day'], columns: { channel_id: 'text', day: 'date', n: 'integer' } },
    ]);

  it('finds a row put with a numeric key by the same key as text, and the other way round', () => {
    const set = rows();
    set.put('t', { channel_id: 1, day: '2026-12-01', n: 5 });
    expect(set.get('t', { channel_id: '1', day: '2026-12-01' })).toMatchObject({ n: 5 });
    set.put('t', { channel_id: '1', day: '2026-12-01', n: 6 });
    expect(set.rows('t')).toHaveLength(1);
    expect(set.get('t', { channel_id: 1, day: '2026-12-01' })).toMatchObject({ n: 6 });
  });

  it('deletes the row whichever form of the key is given', () => {
    const set = rows();
    set.put('t', { channel_id: '7', day: '2026-12-01', n: 1 });
    set.takeChanges();
    set.delete('t', { channel_id: 7, day: '2026-12-01' });
    expect(set.rows('t')).toHaveLength(0);
    expect(set.takeChanges().get('t')).toEqual({ upserts: [], deletes: [{ channel_id: '7', day: '2026-12-01' }] });
  });
});
