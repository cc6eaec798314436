/**
 * COPY … FROM STDIN over a pg client (pg-copy-streams), the fastest way to put many rows into a
 * table, and the text format it takes.
 */
import type { ColumnType, Row, TableSpec } from '@creatorsync/projections';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { must } from '../must.js';

/** A COPY of rows, its text built (the rows may change afterwards; this does not). */
export interface PreparedCopy {
  statement: string;
  payload: Buffer;
}

/** Builds the COPY of the rows into `table` (a quoted, qualified name) now; `copyPrepared` sends it. */
export function prepareCopy(table: string, spec: TableSpec, rows: readonly Row[]): PreparedCopy {
  const columns = Object.keys(spec.columns);
  return {
    statement: `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`,
    payload: Buffer.from(copyText(spec, columns, rows)),
  };
}

export async function copyPrepared(client: pg.ClientBase, copy: PreparedCopy): Promise<void> {
  await pipeline(Readable.from(chunks(copy.payload)), client.query(copyFrom(copy.statement)));
}

/** 1 MiB CopyData messages: a rebuild's commit can hold hundreds of megabytes of rows. */
function* chunks(payload: Buffer): Generator<Buffer> {
  const size = 1 << 20;
  for (let offset = 0; offset < payload.length; offset += size) yield payload.subarray(offset, offset + size);
}

/** COPY's text format: tab-separated columns, \\N for null, backslash escapes; one line per row. */
export function copyText(spec: TableSpec, columns: readonly string[], rows: readonly Row[]): string {
  const line = lineWriter(spec, columns);
  let text = '';
  for (let i = 0; i < rows.length; i++) text += line(must(rows[i], 'rows[i]'));
  return text;
}

/**
 * A table's line writer, generated (like the working set's row copier) with the columns and their
 * types written out: one named property read and one cell formatter per column, where a loop over
 * `row[columns[i]]` with a switch on the type read every table's rows at one site. A commit writes
 * every row changed since the last one, so this ran for nearly every row of a rebuild's tables.
 */
function lineWriter(spec: TableSpec, columns: readonly string[]): (row: Row) => string {
  const key = columns.join('\t');
  let byColumns = writers.get(spec);
  if (!byColumns) writers.set(spec, (byColumns = new Map<string, (row: Row) => string>()));
  let writer = byColumns.get(key);
  if (!writer) {
    const cells = columns.map(
      (c) =>
        `${cellFormatter[must(spec.columns[c], 'spec.columns[c]')]}(row[${JSON.stringify(c)}], ${JSON.stringify(`${spec.name}.${c}`)})`,
    );
    // Generating the writer is the point (see above). Its source is built only from the table's
    // column names (JSON.stringify'd) and the formatters' names, never from row data.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const writerFactory = new Function(
      ...Object.keys(formatters),
      `return function line(row) { return ${cells.join(` + '\\t' + `)} + '\\n'; };`,
    ) as (...cellFormatters: Formatter[]) => (row: Row) => string;
    writer = writerFactory(...Object.values(formatters));
    byColumns.set(key, writer);
  }
  return writer;
}

const writers = new WeakMap<TableSpec, Map<string, (row: Row) => string>>();

type Cell = Row[string] | undefined;
const NULL = '\\N';
const SPECIAL = /[\\\n\r\t]/;
const escapeCopy = (text: string) =>
  SPECIAL.test(text)
    ? text.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'))
    : text;

/**
 * A scalar's text. An object or array where a scalar belongs is refused, naming the column, as the
 * projections' RowSet refuses one in a key column: String() would write '[object Object]' or the
 * elements joined by commas, which no reader of the column could take for the value.
 */
function scalarText(value: string | number | boolean | object, column: string): string {
  if (typeof value === 'object')
    throw new TypeError(`Column ${column} holds ${Array.isArray(value) ? 'an array' : 'an object'}, not a scalar`);
  return typeof value === 'string' ? value : String(value);
}

/** Each column type's cell, as COPY reads it; `column` (table.column) names it in an error. */
const formatters = {
  textCell: (value: Cell, column: string) =>
    value === null || value === undefined ? NULL : escapeCopy(scalarText(value, column)),
  numberCell: (value: Cell, column: string) =>
    value === null || value === undefined
      ? NULL
      : typeof value === 'number'
        ? numberText(value)
        : escapeCopy(scalarText(value, column)),
  booleanCell: (value: Cell) => (value === null || value === undefined ? NULL : value ? 't' : 'f'),
  jsonCell: (value: Cell) => (value === null || value === undefined ? NULL : escapeCopy(JSON.stringify(value))),
  arrayCell: (value: Cell, column: string) =>
    value === null || value === undefined ? NULL : escapeCopy(arrayLiteral(value as unknown[], column)),
};
type Formatter = (typeof formatters)[keyof typeof formatters];

const cellFormatter: Record<ColumnType, keyof typeof formatters> = {
  text: 'textCell',
  date: 'textCell',
  timestamptz: 'textCell',
  integer: 'numberCell',
  bigint: 'numberCell',
  double: 'numberCell',
  boolean: 'booleanCell',
  jsonb: 'jsonCell',
  'text[]': 'arrayCell',
};

function numberText(n: number): string {
  if (Number.isFinite(n)) return String(n);
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
}

/** A Postgres array literal of text elements: {"a","b\"c",NULL}. */
function arrayLiteral(values: unknown[], column: string): string {
  return `{${values.map((v) => (v === null || v === undefined ? 'NULL' : `"${elementText(v, column).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

/** An array element's text; a nested object or array is refused like a non-scalar cell (scalarText). */
function elementText(value: unknown, column: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new TypeError(`Column ${column} has an array element of type ${typeof value}, not a scalar`);
}
