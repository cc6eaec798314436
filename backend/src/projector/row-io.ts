/**
 * Moves a projection's rows between Postgres and its in-memory working set, in bulk: one query per
 * table to load the rows a batch needs, one to delete the stored versions of changed rows, one COPY to write them
 * (built when the commit starts, see prepareChanges). Values are
 * normalised to the forms projections use (dates 'YYYY-MM-DD', timestamps ISO, bigints numbers), so
 * a row loaded from the database equals the row a projection built in memory.
 */
import type { ColumnType, Row, RowRef, TableSpec } from '@creatorsync/projections';
import type pg from 'pg';
import { copyPrepared, prepareCopy, type PreparedCopy } from './copy-rows.js';
import type { TableChanges, WorkingSet } from './working-set.js';
import { must } from '../must.js';

const sqlType: Record<ColumnType, string> = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  double: 'double precision',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'timestamptz',
  jsonb: 'jsonb',
  'text[]': 'text[]',
};

const quote = (name: string) => `"${name}"`;
const recordType = (spec: TableSpec, columns: readonly string[]) =>
  columns.map((c) => `${quote(c)} ${sqlType[must(spec.columns[c], 'spec.columns[c]')]}`).join(', ');

/** Loads the referenced rows the working set does not know yet; absent rows are remembered as absent. */
export async function loadRows(
  client: pg.Pool | pg.ClientBase,
  specs: readonly TableSpec[],
  physical: (table: string) => string,
  refs: RowRef[],
  rows: WorkingSet,
): Promise<void> {
  if (rows.complete) return;
  for (const spec of specs) {
    const wanted = new Map<string, Row>();
    for (const ref of refs) {
      if (ref.table !== spec.name || rows.knows(spec.name, ref.key)) continue;
      wanted.set(rows.keyOf(spec.name, ref.key), ref.key);
    }
    if (wanted.size === 0) continue;
    const keys = spec.primaryKey;
    const selectList = Object.keys(spec.columns)
      .map((c) => selectExpression(c, must(spec.columns[c], 'spec.columns[c]')))
      .join(', ');
    // The columns are the spec's, of its types; normalise turns each into the form projections use.
    const { rows: found } = await client.query<Record<string, unknown>>(
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

/**
 * A commit's statements, built from the changes at once: the rows stay in the working set, where
 * the next batch may change them (nested values in place too) while the commit runs.
 */
export interface PreparedWrite {
  /** In order: per table, the delete of the stored versions, then the COPY of the new ones. */
  steps: ({ delete: string; keys: string } | PreparedCopy)[];
  rows: number;
}

export function prepareChanges(physical: (table: string) => string, changes: readonly TableChanges[]): PreparedWrite {
  const prepared: PreparedWrite = { steps: [], rows: 0 };
  for (const { spec, deleteKeys, inserts } of changes) {
    const keys = spec.primaryKey;
    if (deleteKeys.length > 0) {
      prepared.steps.push({
        delete: `DELETE FROM ${physical(spec.name)} t
         WHERE (${keys.map((k) => `t.${quote(k)}`).join(', ')}) IN (
           SELECT ${keys.map((k) => `k.${quote(k)}`).join(', ')} FROM jsonb_to_recordset($1::jsonb) AS k(${recordType(spec, keys)}))`,
        keys: JSON.stringify(deleteKeys),
      });
    }
    if (inserts.length > 0) prepared.steps.push(prepareCopy(physical(spec.name), spec, inserts));
    prepared.rows += inserts.length + deleteKeys.length;
  }
  return prepared;
}

/** Writes a prepared commit: deletes the stored rows that changed, then inserts their new versions with COPY. */
export async function writePrepared(client: pg.ClientBase, prepared: PreparedWrite): Promise<number> {
  for (const step of prepared.steps) {
    if ('delete' in step) await client.query(step.delete, [step.keys]);
    else await copyPrepared(client, step);
  }
  return prepared.rows;
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
