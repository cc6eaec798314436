import { RecentReads } from './recent-reads.js';

describe('recent reads', () => {
  let now = 0;
  const reads = () => new RecentReads<string>(50, 2, () => now);
  const counting = () => {
    let calls = 0;
    return { query: () => Promise.resolve(`v${String(++calls)}`), calls: () => calls };
  };

  beforeEach(() => (now = 0));

  it('reuses a read younger than its age per key, and reads again after', async () => {
    const cache = reads();
    const q = counting();
    expect(await cache.read('a', q.query)).toBe('v1');
    now = 49;
    expect(await cache.read('a', q.query)).toBe('v1');
    expect(await cache.read('b', q.query)).toBe('v2');
    now = 50;
    expect(await cache.read('a', q.query)).toBe('v3');
    expect(q.calls()).toBe(3);
  });

  it('shares a read in flight', async () => {
    const cache = reads();
    const q = counting();
    const [first, second] = await Promise.all([cache.read('a', q.query), cache.read('a', q.query)]);
    expect([first, second, q.calls()]).toEqual(['v1', 'v1', 1]);
  });

  it('does not reuse a failed read', async () => {
    const cache = reads();
    await expect(cache.read('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.read('a', () => Promise.resolve('back'))).toBe('back');
  });

  it('starts over beyond its number of keys', async () => {
    const cache = reads();
    const q = counting();
    await cache.read('a', q.query);
    await cache.read('b', q.query);
    await cache.read('c', q.query);
    expect(await cache.read('a', q.query)).toBe('v4');
  });
});
