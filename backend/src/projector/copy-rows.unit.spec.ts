import type { TableSpec } from '@creatorsync/projections';
import { copyText } from './copy-rows.js';

const spec: TableSpec = {
  name: 't',
  primaryKey: ['id'],
  columns: { id: 'text', n: 'bigint', ok: 'boolean', tags: 'text[]', raw: 'jsonb', at: 'timestamptz' },
};

describe('copyText', () => {
  it('writes one tab-separated line per row, nulls as \\N, and escapes what COPY would misread', () => {
    const text = copyText(spec, Object.keys(spec.columns), [
      {
        id: 'a\tb\nc\\d',
        n: 3,
        ok: true,
        tags: ['x', 'y "z"', 'back\\slash'],
        raw: { note: 'tab\there' },
        at: '2026-01-01T00:00:00.000Z',
      },
      { id: 'e', n: null, ok: false, tags: [], raw: null },
    ]);
    expect(text).toBe(
      'a\\tb\\nc\\\\d\t3\tt\t{"x","y \\\\"z\\\\"","back\\\\\\\\slash"}\t{"note":"tab\\\\there"}\t2026-01-01T00:00:00.000Z\n' +
        'e\t\\N\tf\t{}\t\\N\t\\N\n',
    );
  });

  it('writes the columns asked for, in their order, for each list of columns of a table', () => {
    const row = { id: 'a', n: 1.5, ok: true, tags: null, raw: [1], at: null };
    expect(copyText(spec, ['n', 'id'], [row])).toBe('1.5\ta\n');
    expect(copyText(spec, ['id', 'ok', 'raw'], [row, { ...row, id: 'b', n: Number.NaN, ok: false }])).toBe(
      'a\tt\t[1]\nb\tf\t[1]\n',
    );
    expect(copyText(spec, ['n'], [{ n: Number.NaN }, { n: -Infinity }, { n: '12' }])).toBe('NaN\n-Infinity\n12\n');
    expect(copyText(spec, ['id'], [])).toBe('');
  });

  it('refuses an object or array where a scalar belongs, naming the column, instead of writing [object Object]', () => {
    expect(() => copyText(spec, ['id'], [{ id: { nested: 1 } }])).toThrow('Column t.id holds an object, not a scalar');
    expect(() => copyText(spec, ['n'], [{ n: ['1'] }])).toThrow('Column t.n holds an array, not a scalar');
    expect(() => copyText(spec, ['tags'], [{ tags: ['a', { b: 1 }] }])).toThrow(
      'Column t.tags has an array element of type object, not a scalar',
    );
    expect(copyText(spec, ['tags'], [{ tags: ['a', 1, true, null] }])).toBe('{"a","1","true",NULL}\n');
  });
});
