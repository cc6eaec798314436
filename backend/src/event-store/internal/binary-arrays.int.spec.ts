/**
 * The server reads the binary arrays as exactly the values the driver's text arrays give, and
 * refuses what it refuses in text (so an append fails the same way either way).
 */
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { binaryInt4Array, binaryTextArray, binaryUuidArray } from './binary-arrays.js';

describe('binary array parameters, read by PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await db.drop();
  });

  /** The same query with the array sent as text (by the driver) and as binary. */
  async function bothWays(sql: string, values: unknown[], binary: Buffer): Promise<[unknown, unknown]> {
    const text = await db.pool.query<{ v: unknown }>(sql, [values]);
    const bin = await db.pool.query<{ v: unknown }>(sql, [binary]);
    return [text.rows[0]?.v, bin.rows[0]?.v];
  }

  it('text[]: the same strings, byte for byte', async () => {
    const values = [
      '',
      'NULL',
      '"quoted" \\ back\\slash {braces}, commas',
      JSON.stringify({ z: 1, a: '\u0000 \ud800 é€😀', nested: { raw: 'x'.repeat(1000) } }),
      'é€😀',
      ' leading and trailing ',
    ];
    const [text, binary] = await bothWays(
      'SELECT array_agg(encode(convert_to(s, $$UTF8$$), $$hex$$) ORDER BY o) AS v FROM unnest($1::text[]) WITH ORDINALITY AS u(s, o)',
      values,
      binaryTextArray(values),
    );
    expect(binary).toEqual(text);
    expect(binary).toEqual(values.map((v) => Buffer.from(v, 'utf8').toString('hex')));
  });

  it('text[] of JSON: the ::json cast keeps the text as sent', async () => {
    const values = ['{"b":1,"a":[true,null]}', '"\\ud800"', '{"k":"\\u0000"}'];
    const [text, binary] = await bothWays(
      'SELECT array_agg(j::json::text ORDER BY o) AS v FROM unnest($1::text[]) WITH ORDINALITY AS u(j, o)',
      values,
      binaryTextArray(values),
    );
    expect(binary).toEqual(values);
    expect(text).toEqual(values);
  });

  it('uuid[] and int[]: the same values', async () => {
    const ids = [randomUUID(), randomUUID().toUpperCase()];
    const [textIds, binaryIds] = await bothWays('SELECT $1::uuid[]::text[] AS v', ids, binaryUuidArray(ids));
    expect(binaryIds).toEqual(textIds);
    expect(binaryIds).toEqual(ids.map((id) => id.toLowerCase()));
    const ints = [1, 2, -7, 2147483647];
    const [textInts, binaryInts] = await bothWays('SELECT $1::int[] AS v', ints, binaryInt4Array(ints));
    expect(binaryInts).toEqual(textInts);
    expect(binaryInts).toEqual(ints);
  });

  it('empty arrays', async () => {
    const [text, binary] = await bothWays('SELECT cardinality($1::text[]) AS v', [], binaryTextArray([]));
    expect(binary).toBe(0);
    expect(text).toBe(0);
  });

  it('a string the server refuses in text (a NUL) is refused in binary too, with the same error', async () => {
    const sql = 'SELECT $1::text[] AS v';
    const codeOf = (values: unknown) =>
      db.pool.query(sql, [values]).then(
        () => 'accepted',
        (error: unknown) => (error as { code?: string }).code,
      );
    const textCode = await codeOf(['a\u0000b']);
    expect(textCode).toBe('22021');
    expect(await codeOf(binaryTextArray(['a\u0000b']))).toBe(textCode);
  });

  it('an array of the wrong element type is refused, not misread', async () => {
    await expect(db.pool.query('SELECT $1::uuid[] AS v', [binaryTextArray(['x'])])).rejects.toThrow(
      /element type 25 \(text\) instead of expected 2950 \(uuid\)/,
    );
  });
});
