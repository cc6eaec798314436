/**
 * Moves a projection's rows between Postgres and its in-memory working set, in bulk: one query per
 * table to load the rows a batch needs, one to upsert and one to delete what it changed. Values are
 * normalised to the forms projections use (dates 'YYYY-MM-DD', timestamps ISO, bigints numbers), so
 * a row loaded from the database equals the row a projection built in memory.
 */
import type { ColumnType, MemoryRowSet, Row, RowRef, TableSpec } from '@creatorsync/projections';
import type pg from 'pg';

const sqlType: Record<ColumnType, string> = {
  text: 'text', integer: 'integer', bigint: 'bigint', double: 'double precision', boolean: 'boolean',
  date: 'date', timestamptz: 'timestamptz', jsonb: 'jsonb', 'text[]': 'text[]',
};

const quote = (name: string) => `"${name}"`;
const recordType = (spec: TableSpec, columns: readonly string[]) =>
  columns.map((c) => `${quote(c)} ${sqlType[spec.columns[c]!]}`).join(', ');

/** Loads the referenced rows the working set does not know yet; absent rows are remembered as absent. */
export async function loadRows(client: pg.ClientBase, specs: readonly TableSpec[], physical: (table: string) => string, refs: RowRef[], rows: MemoryRowSet): Promise<void> {
  for (const spec of specs) {
    const wanted = new Map<string, Row>();
    for (const ref of refs) {
      if (ref.table !== spec.name || rows.has(spec.name, ref.key)) continue;
      wanted.set(rows.keyOf(spec.name, ref.key), ref.key);
    }
    if (wanted.size === 0) continue;
    const keys = spec.primaryKey;
    const selectList = Object.keys(spec.columns).map((c) => selectExpression(c, spec.columns[c]!)).join(', ');
    const { rows: found } = await client.query(
      `SELECT ${selectList} FROM ${physical(spec.name)} t
       WHERE (${keys.map((k) => `t.${quote(k)}`).join(', ')}) IN (
         SELECT ${keys.map((k) => `k.${quote(k)}`).join(', ')} FROM jsonb_to_recordset($1::jsonb) AS k(${recordType(spec, keys)}))`,
      [JSON.stringify([...wanted.values()])],
    );
    for (const key of wanted.values()) rows.load(spec.name, key, null);
    for (const row of found) {
      const normalised = normalise(spec, row);
      rows.load(spec.name, normalised, normalised);
    }
  }
}

export async function writeChanges(client: pg.ClientBase, specs: readonly TableSpec[], physical: (table: string) => string, rows: MemoryRowSet): Promise<number> {
  const changes = rows.takeChanges();
  let written = 0;
  for (const spec of specs) {
    const change = changes.get(spec.name);
    if (!change) continue;
    const keys = spec.primaryKey;
    if (change.deletes.length > 0) {
      await client.query(
        `DELETE FROM ${physical(spec.name)} t
         WHERE (${keys.map((k) => `t.${quote(k)}`).join(', ')}) IN (
           SELECT ${keys.map((k) => `k.${quote(k)}`).join(', ')} FROM jsonb_to_recordset($1::jsonb) AS k(${recordType(spec, keys)}))`,
        [JSON.stringify(change.deletes)],
      );
    }
    if (change.upserts.length > 0) {
      const columns = Object.keys(spec.columns);
      const others = columns.filter((c) => !keys.includes(c));
      await client.query(
        `INSERT INTO ${physical(spec.name)} (${columns.map(quote).join(', ')})
         SELECT ${columns.map(quote).join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${recordType(spec, columns)})
         ON CONFLICT (${keys.map(quote).join(', ')}) DO ${others.length ? `UPDATE SET ${others.map((c) => `${quote(c)} = EXCLUDED.${quote(c)}`).join(', ')}` : 'NOTHING'}`,
        [JSON.stringify(change.upserts.map((row) => complete(spec, row)))],
      );
    }
    written += change.upserts.length + change.deletes.length;
  }
  return written;
}

function selectExpression(column: string, type: ColumnType): string {
  const c = `t.${quote(column)}`;
  // Dates as text: pg would otherwise build a JS Date in the machine's zone.
  if (type === 'date') return `${c}::text AS ${quote(column)}`;
  return c;
}

function normalise(spec: TableSpec, stored: Record<string, unknown>): Row {
  const row: Row = {};
  for (const [column, type] of Object.entries(spec.columns)) {
    const value = stored[column];
    if (value === null || value === undefined) row[column] = null;
    else if (type === 'bigint' || type === 'integer' || type === 'double') row[column] = Number(value);
    else if (type === 'timestamptz') row[column] = (value as Date).toISOString();
    else row[column] = value as Row[string];
  }
  return row;
}

/** Every declared column present (missing ones as null), unknown ones refused: a typo must not vanish silently. */
function complete(spec: TableSpec, row: Row): Row {
  for (const column of Object.keys(row)) {
    if (!(column in spec.columns)) throw new Error(`Row for "${spec.name}" has a column the table lacks: "${column}"`);
  }
  return Object.fromEntries(Object.keys(spec.columns).map((c) => [c, row[c] ?? null]));
}
