/**
 * Array parameters in PostgreSQL's binary format, for the append call (postgres/postgres-append.ts).
 *
 * node-postgres sends a Buffer parameter as binary (format code 1) and everything else as text. A
 * text array arrives as `{"…","…"}`, which the driver builds by escaping every `"` and `\` of every
 * element and the server (array_in) reads back one character at a time: for 100 events of 1 KB of
 * JSON, full of quotes, that was the largest single cost of parsing an append's parameters
 * (perf: appendStringInfoChar and array_in, about 14% of the backend's time on the INSERT). In the
 * binary format each element is a length and its bytes, so neither side looks at the characters.
 * The server still checks every element as it does a text one (UTF-8 validity, no NUL: a bad
 * string fails the same way), and the JSON is still parsed by the `::json` cast of the insert.
 *
 * Layout (array_recv in src/backend/utils/adt/arrayfuncs.c): int32 dimensions (1, or 0 for an
 * empty array), int32 has-nulls flag (0: these arrays hold no NULL), uint32 element type OID, per
 * dimension int32 length and int32 lower bound (1), then per element int32 byte length and bytes.
 * The element type must be the parameter's (text[] takes OID 25, uuid[] 2950, int[] 23).
 */

const TEXT_OID = 25;
const INT4_OID = 23;
const UUID_OID = 2950;

const HEADER_BYTES = 20;
const EMPTY_HEADER_BYTES = 12;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A `text[]` parameter: each string's UTF-8 bytes, as the driver would send them in text. */
export function binaryTextArray(values: readonly string[]): Buffer {
  // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair: 2 units, 4 bytes).
  let capacity = HEADER_BYTES;
  for (const value of values) capacity += 4 + value.length * 3;
  const buffer = Buffer.allocUnsafe(capacity);
  let offset = writeHeader(buffer, TEXT_OID, values.length);
  for (const value of values) {
    const length = buffer.write(value, offset + 4, 'utf8');
    buffer.writeInt32BE(length, offset);
    offset += 4 + length;
  }
  return buffer.subarray(0, offset);
}

/** An `int[]` parameter; every value must be a 32-bit integer. */
export function binaryInt4Array(values: readonly number[]): Buffer {
  const buffer = Buffer.allocUnsafe(HEADER_BYTES + values.length * 8);
  let offset = writeHeader(buffer, INT4_OID, values.length);
  for (const value of values) {
    if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647)
      throw new RangeError(`${String(value)} is not a 32-bit integer`);
    buffer.writeInt32BE(4, offset);
    buffer.writeInt32BE(value, offset + 4);
    offset += 8;
  }
  return buffer.subarray(0, offset);
}

/** A `uuid[]` parameter from canonical UUID strings (8-4-4-4-12 hex digits, either case). */
export function binaryUuidArray(values: readonly string[]): Buffer {
  const buffer = Buffer.allocUnsafe(HEADER_BYTES + values.length * 20);
  let offset = writeHeader(buffer, UUID_OID, values.length);
  for (const value of values) {
    if (!UUID.test(value)) throw new TypeError(`"${value}" is not a UUID`);
    buffer.writeInt32BE(16, offset);
    buffer.write(value.replaceAll('-', ''), offset + 4, 'hex');
    offset += 20;
  }
  return buffer.subarray(0, offset);
}

/** Writes the array header for `count` elements of `oid`; returns where the elements start. */
function writeHeader(buffer: Buffer, oid: number, count: number): number {
  if (count === 0) {
    buffer.writeInt32BE(0, 0);
    buffer.writeInt32BE(0, 4);
    buffer.writeUInt32BE(oid, 8);
    return EMPTY_HEADER_BYTES;
  }
  buffer.writeInt32BE(1, 0);
  buffer.writeInt32BE(0, 4);
  buffer.writeUInt32BE(oid, 8);
  buffer.writeInt32BE(count, 12);
  buffer.writeInt32BE(1, 16);
  return HEADER_BYTES;
}
