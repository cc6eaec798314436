import { batchesOf } from './batching.js';
import { collectPages } from './pagination.js';

const idOf = (item: { id: string }) => item.id;
const items = (...ids: string[]) => ids.map((id) => ({ id }));

describe('collectPages', () => {
  test('follows cursors and drops items seen on an earlier page', async () => {
    const pages = [
      { items: items('a', 'b'), cursor: '1' },
      { items: items('b', 'c'), cursor: '2' },
      { items: items('d'), cursor: undefined },
    ];
    await expect(collectPages(async (c) => pages[Number(c ?? 0)]!, { idOf })).resolves.toEqual(
      items('a', 'b', 'c', 'd'),
    );
  });

  test('stops after a few pages that bring nothing new, even if the cursor goes on', async () => {
    let calls = 0;
    const result = await collectPages(async () => ({ items: calls++ === 0 ? items('a') : [], cursor: 'again' }), {
      idOf,
      maxFruitlessPages: 2,
    });
    expect(result).toEqual(items('a'));
    expect(calls).toBe(4);
  });

  test('honours maxPages, maxItems and stopAfter', async () => {
    let n = 0;
    const endless = async () => ({ items: items(`x${n++}`, `y${n}`), cursor: 'more' });
    await expect(collectPages(endless, { idOf, maxPages: 3 })).resolves.toHaveLength(6);
    await expect(collectPages(endless, { idOf, maxItems: 3 })).resolves.toHaveLength(3);
    await expect(collectPages(endless, { idOf, stopAfter: () => true })).resolves.toHaveLength(2);
  });
});

describe('batchesOf', () => {
  test('splits unique ids into groups of at most 100', () => {
    const ids = Array.from({ length: 250 }, (_, i) => String(i));
    expect(batchesOf([...ids, '1', '2']).map((b) => b.length)).toEqual([100, 100, 50]);
  });
});
