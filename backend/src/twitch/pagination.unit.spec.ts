import { batchesOf } from './batching.js';
import { HelixIncompleteListError } from './errors.js';
import { collectPages } from './pagination.js';
import { must } from '../must.js';

const idOf = (item: { id: string }) => item.id;
const items = (...ids: string[]) => ids.map((id) => ({ id }));
const endpoint = '/things';

describe('collectPages', () => {
  test('follows cursors and drops items seen on an earlier page', async () => {
    const pages = [
      { items: items('a', 'b'), cursor: '1' },
      { items: items('b', 'c'), cursor: '2' },
      { items: items('d'), cursor: undefined },
    ];
    await expect(
      collectPages((c) => Promise.resolve(must(pages[Number(c ?? 0)], 'pages[Number(c ?? 0)]')), { endpoint, idOf }),
    ).resolves.toEqual(items('a', 'b', 'c', 'd'));
  });

  test('a few empty pages near the end are followed to the end', async () => {
    const pages = [
      { items: items('a'), cursor: '1' },
      { items: [], cursor: '1' },
      { items: [], cursor: '1' },
      { items: items('b'), cursor: undefined },
    ];
    let call = 0;
    await expect(
      collectPages(() => Promise.resolve(must(pages[call++], 'pages[call++]')), { endpoint, idOf }),
    ).resolves.toEqual(items('a', 'b'));
  });

  test('pages that keep bringing nothing new throw instead of returning part of the list', async () => {
    let calls = 0;
    const result = collectPages(
      () => Promise.resolve({ items: calls++ === 0 ? items('a') : [], cursor: `c${calls}` }),
      {
        endpoint,
        idOf,
        maxFruitlessPages: 2,
      },
    );
    await expect(result).rejects.toThrow(HelixIncompleteListError);
    await expect(result).rejects.toMatchObject({ endpoint, reason: 'no-progress' });
    expect(calls).toBe(4);
  });

  test('a cursor that keeps coming back while the items change is a loop, and throws', async () => {
    let n = 0;
    const looping = () => Promise.resolve({ items: items(`x${n++}`), cursor: 'same' });
    await expect(collectPages(looping, { endpoint, idOf })).rejects.toMatchObject({ reason: 'cursor-loop' });
    expect(n).toBeLessThanOrEqual(6);
  });

  test('reaching the page limit with a cursor pending throws; maxItems and stopAfter end early on purpose', async () => {
    let n = 0;
    const endless = () => Promise.resolve({ items: items(`x${n++}`, `y${n}`), cursor: `more${n}` });
    await expect(collectPages(endless, { endpoint, idOf, maxPages: 3 })).rejects.toMatchObject({
      reason: 'page-limit',
    });
    await expect(collectPages(endless, { endpoint, idOf, maxItems: 3 })).resolves.toHaveLength(3);
    await expect(collectPages(endless, { endpoint, idOf, stopAfter: () => true })).resolves.toHaveLength(2);
  });
});

describe('batchesOf', () => {
  test('splits unique ids into groups of at most 100', () => {
    const ids = Array.from({ length: 250 }, (_, i) => String(i));
    expect(batchesOf([...ids, '1', '2']).map((b) => b.length)).toEqual([100, 100, 50]);
  });
});
