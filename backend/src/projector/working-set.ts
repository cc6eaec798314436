/**
 * The projector's in-memory rows of one build: what `apply` reads and writes, the rows changed since
 * the last commit, and an undo log so an event that throws half-way leaves no trace.
 *
 * It is a cache of the build's tables, valid because one runner at a time writes a build (the
 * build lock). While a build replays from an empty table and nothing has been evicted, the set
 * knows every row (`complete`): a row it lacks does not exist, so catch-up never queries the
 * tables it is filling. Keys are the key columns' values joined by a separator that cannot occur
 * in them (cheaper than JSON, and "1" and 1 name the same row, as they do in Postgres).
 */
import type { Row, RowSet, TableSpec } from '@creatorsync/projections';

const SEPARATOR = '\u001f';

interface TableState {
  spec: TableSpec;
  keyColumns: readonly string[];
  /** key → row, or null for a row known not to exist. */
  rows: Map<string, Row | null>;
  /** Keys changed since the last takeChanges, with the key columns (needed to delete). */
  dirty: Map<string, Row>;
  /** Whether the row is in the database table: true stored, false not; unknown keys are absent when the set is complete. */
  stored: Map<string, boolean>;
}

interface Undo {
  table: TableState;
  key: string;
  /** The entry before the change: undefined when the set did not know the row. */
  before: Row | null | undefined;
  wasDirty: Row | undefined;
}

/** What a commit writes to one table: delete the stored rows with these keys, then insert these rows. */
export interface TableChanges {
  spec: TableSpec;
  deleteKeys: Row[];
  inserts: Row[];
}

export class WorkingSet implements RowSet {
  private readonly tables = new Map<string, TableState>();
  private undo: Undo[] = [];
  private count = 0;
  /** Every row of every table is in the set (a miss means "no such row"). */
  complete: boolean;

  constructor(specs: readonly TableSpec[], options: { complete: boolean }) {
    for (const spec of specs) this.tables.set(spec.name, { spec, keyColumns: spec.primaryKey, rows: new Map(), dirty: new Map(), stored: new Map() });
    this.complete = options.complete;
  }

  keyOf(table: string, row: Row): string {
    return keyString(this.table(table), row);
  }

  get<T extends Row = Row>(table: string, key: Row): T | undefined {
    const row = this.table(table).rows.get(keyString(this.table(table), key));
    // A copy: a projection that changes what it got must put it back to change the set.
    return row ? ({ ...row } as T) : undefined;
  }

  put(table: string, row: Row): void {
    const state = this.table(table);
    for (const column in row) {
      if (!(column in state.spec.columns)) throw new Error(`Row for "${table}" has a column the table lacks: "${column}"`);
    }
    this.change(state, keyString(state, row), { ...row }, row);
  }

  delete(table: string, key: Row): void {
    const state = this.table(table);
    this.change(state, keyString(state, key), null, key);
  }

  /** Whether the set knows this row's state (loaded, written, known absent, or the set is complete). */
  knows(table: string, key: Row): boolean {
    return this.complete || this.table(table).rows.has(this.keyOf(table, key));
  }

  /** Records a row's stored state without marking it changed: a row, or null for "not stored". */
  load(table: string, key: Row, row: Row | null): void {
    const state = this.table(table);
    const k = keyString(state, key);
    if (!state.rows.has(k)) this.count++;
    state.rows.set(k, row);
    state.stored.set(k, row !== null);
  }

  /** Starts an event: changes from here on can be undone with `undoEvent`. */
  beginEvent(): void {
    this.undo.length = 0;
  }

  /** Reverts every change since `beginEvent` (the event threw half-way). */
  undoEvent(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) {
      const { table, key, before, wasDirty } = this.undo[i]!;
      if (before === undefined) {
        table.rows.delete(key);
        this.count--;
      } else table.rows.set(key, before);
      if (wasDirty) table.dirty.set(key, wasDirty);
      else table.dirty.delete(key);
    }
    this.undo.length = 0;
  }

  /**
   * What to write for the rows changed since the last call, per table, and clears the change marks.
   * Rows are then taken as stored (if the commit fails, the runner starts over with a new set).
   * A changed row that was never stored is inserted without a delete first: while a build replays
   * into its empty tables, that is nearly every row.
   */
  takeChanges(): TableChanges[] {
    const changes: TableChanges[] = [];
    for (const state of this.tables.values()) {
      if (state.dirty.size === 0) continue;
      const inserts: Row[] = [];
      const deleteKeys: Row[] = [];
      for (const [key, keyRow] of state.dirty) {
        const row = state.rows.get(key);
        if (state.stored.get(key) ?? !this.complete) deleteKeys.push(keyRow);
        if (row) inserts.push(row);
        state.stored.set(key, row != null);
      }
      state.dirty = new Map();
      changes.push({ spec: state.spec, deleteKeys, inserts });
    }
    this.undo.length = 0;
    return changes;
  }

  get changedRows(): number {
    let n = 0;
    for (const state of this.tables.values()) n += state.dirty.size;
    return n;
  }

  /** Rows (and known absences) held. */
  size(): number {
    return this.count;
  }

  /** Forgets everything (changes included); from now on a miss must be looked up. */
  clear(): void {
    for (const state of this.tables.values()) {
      state.rows.clear();
      state.dirty.clear();
      state.stored.clear();
    }
    this.undo.length = 0;
    this.count = 0;
    this.complete = false;
  }

  private change(state: TableState, key: string, row: Row | null, keySource: Row): void {
    const before = state.rows.get(key);
    const known = before !== undefined || state.rows.has(key);
    this.undo.push({ table: state, key, before: known ? before! : undefined, wasDirty: state.dirty.get(key) });
    if (!known) this.count++;
    state.rows.set(key, row);
    if (!state.dirty.has(key)) state.dirty.set(key, keyColumnsOf(state, keySource));
  }

  private table(name: string): TableState {
    const state = this.tables.get(name);
    if (!state) throw new Error(`Table "${name}" is not owned by this projection`);
    return state;
  }
}

function keyString(state: TableState, row: Row): string {
  const columns = state.keyColumns;
  if (columns.length === 1) return String(keyValue(state, row, columns[0]!));
  let key = '';
  for (let i = 0; i < columns.length; i++) {
    if (i > 0) key += SEPARATOR;
    key += String(keyValue(state, row, columns[i]!));
  }
  return key;
}

function keyValue(state: TableState, row: Row, column: string): Row[string] {
  const value = row[column];
  if (value === undefined || value === null) throw new Error(`Row for "${state.spec.name}" lacks key column "${column}"`);
  return value;
}

function keyColumnsOf(state: TableState, row: Row): Row {
  const key: Row = {};
  for (const column of state.keyColumns) key[column] = row[column]!;
  return key;
}
