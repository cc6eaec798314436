/**
 * COPY … FROM STDIN over a pg client, the fastest way to put many rows into a table (the `pg`
 * driver speaks the protocol; this feeds it one prepared payload), and the text format it takes.
 */
import type { ColumnType, Row, TableSpec } from '@creatorsync/projections';
import pg from 'pg';

class CopyIn extends pg.Query {
  constructor(text: string, private readonly payload: Buffer, callback: (error: Error | undefined) => void) {
    super(text, undefined, callback);
  }

  // Called by pg when the server is ready for the data.
  handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }): void {
    const chunk = 1 << 20;
    for (let offset = 0; offset < this.payload.length; offset += chunk) connection.sendCopyFromChunk(this.payload.subarray(offset, offset + chunk));
    connection.endCopyFrom();
  }
}

/** A COPY of rows, its text built (the rows may change afterwards; this does not). */
export interface PreparedCopy {
  statement: string;
  payload: Buffer;
}

/** Builds the COPY of the rows into `table` (a quoted, qualified name) now; `copyPrepared` sends it. */
export function prepareCopy(table: string, spec: TableSpec, rows: readonly Row[]): PreparedCopy {
  const columns = Object.keys(spec.columns);
  return { statement: `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`, payload: Buffer.from(copyText(spec, columns, rows)) };
}

export function copyPrepared(client: pg.ClientBase, copy: PreparedCopy): Promise<void> {
  return new Promise((resolve, reject) => {
    client.query(new CopyIn(copy.statement, copy.payload, (error) => (error ? reject(error) : resolve())));
  });
}

/** COPY's text format: tab-separated columns, \N for null, backslash escapes; one line per row. */
export function copyText(spec: TableSpec, columns: readonly string[], rows: readonly Row[]): string {
  const types = columns.map((c) => spec.columns[c]!);
  const parts: string[] = [];
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) line += '\t';
      line += copyValue(row[columns[i]!], types[i]!);
    }
    parts.push(line);
  }
  parts.push('');
  return parts.join('\n');
}

const SPECIAL = /[\\\n\r\t]/;
const escapeCopy = (text: string) => (SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t')) : text);

function copyValue(value: Row[string] | undefined, type: ColumnType): string {
  if (value === null || value === undefined) return '\\N';
  switch (type) {
    case 'boolean':
      return value ? 't' : 'f';
    case 'jsonb':
      return escapeCopy(JSON.stringify(value));
    case 'text[]':
      return escapeCopy(arrayLiteral(value as unknown[]));
    case 'integer':
    case 'bigint':
    case 'double':
      return typeof value === 'number' ? numberText(value) : escapeCopy(String(value));
    default:
      return escapeCopy(typeof value === 'string' ? value : String(value));
  }
}

function numberText(n: number): string {
  if (Number.isFinite(n)) return String(n);
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
}

/** A Postgres array literal of text elements: {"a","b\"c",NULL}. */
function arrayLiteral(values: unknown[]): string {
  return `{${values.map((v) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}
