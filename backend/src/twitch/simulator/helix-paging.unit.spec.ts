import { decodeCursor, encodeCursor, pageOf } from './helix-paging.js';
import { HelixBadRequest } from './helix-query.js';

const list = Array.from({ length: 45 }, (_, i) => i);

describe('simulated Helix paging', () => {
  test('pages with a cursor until an empty pagination object', () => {
    const first = pageOf(list, { first: 20, after: undefined, before: undefined });
    expect(first.data).toEqual(list.slice(0, 20));
    const last = pageOf(list, { first: 20, after: encodeCursor(40), before: undefined });
    expect(last).toEqual({ data: list.slice(40), pagination: {} });
  });

  test('a repeated page brings half of the previous page again; an empty page keeps its cursor', () => {
    const cursor = encodeCursor(20);
    expect(pageOf(list, { first: 20, after: cursor, before: undefined }, 'repeat-page').data[0]).toBe(10);
    expect(pageOf(list, { first: 20, after: cursor, before: undefined }, 'empty-page')).toEqual({
      data: [],
      pagination: { cursor },
    });
  });

  test("cursors are opaque base64 JSON like Helix's; garbage is a 400", () => {
    expect(decodeCursor(encodeCursor(7))).toBe(7);
    expect(() => decodeCursor('nonsense')).toThrow(HelixBadRequest);
  });
});
