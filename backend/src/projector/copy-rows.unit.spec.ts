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
      { id: 'a\tb\nc\\d', n: 3, ok: true, tags: ['x', 'y "z"', 'back\\slash'], raw: { note: 'tab\there' }, at: '2026-01-01T00:00:00.000Z' },
      { id: 'e', n: null, ok: false, tags: [], raw: null },
    ]);
    expect(text).toBe(
      'a\\tb\\nc\\\\d\t3\tt\t{"x","y \\\\"z\\\\"","back\\\\\\\\slash"}\t{"note":"tab\\\\there"}\t2026-01-01T00:00:00.000Z\n' +
        'e\t\\N\tf\t{}\t\\N\t\\N\n',
    );
  });
});
