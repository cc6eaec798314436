import { binaryInt4Array, binaryTextArray, binaryUuidArray } from './binary-arrays.js';

/** Reads an encoded one-dimensional array back: element OID and each element's bytes. */
function decode(buffer: Buffer): { oid: number; elements: Buffer[] } {
  const dimensions = buffer.readInt32BE(0);
  expect(buffer.readInt32BE(4)).toBe(0); // no NULLs
  const oid = buffer.readUInt32BE(8);
  if (dimensions === 0) {
    expect(buffer.length).toBe(12);
    return { oid, elements: [] };
  }
  expect(dimensions).toBe(1);
  const count = buffer.readInt32BE(12);
  expect(buffer.readInt32BE(16)).toBe(1); // lower bound
  const elements: Buffer[] = [];
  let offset = 20;
  for (let i = 0; i < count; i++) {
    const length = buffer.readInt32BE(offset);
    elements.push(buffer.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  expect(offset).toBe(buffer.length);
  return { oid, elements };
}

describe('binary array parameters', () => {
  it('text[]: each element is its UTF-8 bytes, whatever characters it holds', () => {
    const values = ['', 'plain', '{"a":"b\\"c"}', 'NULL', 'é€😀', '\\', ',{}', 'x'.repeat(1000)];
    const { oid, elements } = decode(binaryTextArray(values));
    expect(oid).toBe(25);
    expect(elements.map((e) => e.toString('utf8'))).toEqual(values);
    expect(elements.map((e) => e.length)).toEqual(values.map((v) => Buffer.byteLength(v, 'utf8')));
  });

  it('text[] of only 4-byte characters fits the buffer it sizes', () => {
    const value = '😀'.repeat(500);
    expect(decode(binaryTextArray([value, value])).elements.map((e) => e.toString('utf8'))).toEqual([value, value]);
  });

  it('uuid[]: 16 bytes each, either case', () => {
    const ids = ['00112233-4455-6677-8899-aabbccddeeff', 'FFEEDDCC-BBAA-9988-7766-554433221100'];
    const { oid, elements } = decode(binaryUuidArray(ids));
    expect(oid).toBe(2950);
    expect(elements.map((e) => e.toString('hex'))).toEqual(ids.map((id) => id.replaceAll('-', '').toLowerCase()));
  });

  it('uuid[] refuses what is not a UUID rather than send other bytes', () => {
    expect(() => binaryUuidArray(['00112233-4455-6677-8899-aabbccddeefg'])).toThrow(TypeError);
    expect(() => binaryUuidArray(['00112233445566778899aabbccddeeff'])).toThrow(TypeError);
  });

  it('int[]: 4-byte big-endian integers, and only those', () => {
    const { oid, elements } = decode(binaryInt4Array([1, -1, 2147483647, -2147483648]));
    expect(oid).toBe(23);
    expect(elements.map((e) => e.readInt32BE(0))).toEqual([1, -1, 2147483647, -2147483648]);
    expect(() => binaryInt4Array([2147483648])).toThrow(RangeError);
    expect(() => binaryInt4Array([1.5])).toThrow(RangeError);
  });

  it('an empty array has no dimensions', () => {
    expect(decode(binaryTextArray([]))).toEqual({ oid: 25, elements: [] });
    expect(decode(binaryUuidArray([]))).toEqual({ oid: 2950, elements: [] });
    expect(decode(binaryInt4Array([]))).toEqual({ oid: 23, elements: [] });
  });
});
