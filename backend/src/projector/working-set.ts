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
  /** Keys changed since the last takeChanges. */
  dirty: Set<string>;
  /** The key columns of rows deleted since the last takeChanges (a deleted row has no row to take them from). */
  deletedKeys: Map<string, Row>;
  /** The column names of the last row put that was checked: rows built by the same code share them. */
  checkedColumns: string[];
  /** Whether the row is in the database table: true stored, false not; unknown keys are absent when the set is complete. */
  stored: Map<string, boolean>;
}


/** What a commit writes to one table: delete the stored rows with these keys, then insert these rows. */
export interface TableChanges {
  spec: TableSpec;
  deleteKeys: Row[];
  inserts: Row[];
}

export class WorkingSet implements RowSet {
  private readonly tables = new Map<string, TableState>();
  /** Per change since beginEvent: table, key, the entry before (undefined: unknown), whether it was dirty. Flat, to spare allocations. */
  private undo: unknown[] = [];
  private count = 0;
  /** Every row of every table is in the set (a miss means "no such row"). */
  complete: boolean;

  constructor(specs: readonly TableSpec[], options: { complete: boolean }) {
    for (const spec of specs) this.tables.set(spec.name, { spec, keyColumns: spec.primaryKey, rows: new Map(), dirty: new Set(), deletedKeys: new Map(), stored: new Map(), checkedColumns: [] });
    this.complete = options.complete;
  }

  keyOf(table: string, row: Row): string {
    return keyString(this.table(table), row);
  }

  get<T extends Row = Row>(table: string, key: Row): T | undefined {
    const state = this.table(table);
    const row = state.rows.get(keyString(state, key));
    // A copy: a projection that changes what it got must put it back to change the set. Shallow, as a
    // deep copy of large jsonb state per event costs more than the rest of the apply; a failed event
    // that changed a nested value in place is handled by the applier (it redoes from the commit).
    return row ? ({ ...row } as T) : undefined;
  }

  put(table: string, row: Row): void {
    const state = this.table(table);
    checkColumns(state, row);
    this.change(state, keyString(state, row), { ...row });
  }

  delete(table: string, key: Row): void {
    const state = this.table(table);
    const k = keyString(state, key);
    this.change(state, k, null);
    state.deletedKeys.set(k, keyColumnsOf(state, key));
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
    const undo = this.undo;
    for (let i = undo.length - 4; i >= 0; i -= 4) {
      const table = undo[i] as TableState;
      const key = undo[i + 1] as string;
      const before = undo[i + 2] as Row | null | undefined;
      if (before === undefined) {
        table.rows.delete(key);
        this.count--;
      } else table.rows.set(key, before);
      if (undo[i + 3]) table.dirty.add(key);
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
      for (const key of state.dirty) {
        const row = state.rows.get(key);
        if (state.stored.get(key) ?? !this.complete) deleteKeys.push(row ? keyColumnsOf(state, row) : state.deletedKeys.get(key)!);
        if (row) inserts.push(row);
        state.stored.set(key, row != null);
      }
      state.dirty = new Set();
      state.deletedKeys.clear();
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
      state.deletedKeys.clear();
      state.stored.clear();
    }
    this.undo.length = 0;
    this.count = 0;
    this.complete = false;
  }

  private change(state: TableState, key: string, row: Row | null): void {
    const before = state.rows.get(key);
    const known = before !== undefined || state.rows.has(key);
    const wasDirty = state.dirty.has(key);
    this.undo.push(state, key, known ? before : undefined, wasDirty);
    if (!known) this.count++;
    state.rows.set(key, row);
    if (!wasDirty) state.dirty.add(key);
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

/** Refuses columns the table lacks (a typo must not vanish); rows of one shape are checked once. */
function checkColumns(state: TableState, row: Row): void {
  const columns = Object.keys(row);
  const checked = state.checkedColumns;
  if (columns.length === checked.length) {
    let same = true;
    for (let i = 0; i < columns.length && same; i++) same = columns[i] === checked[i];
    if (same) return;
  }
  for (const column of columns) {
    if (!(column in state.spec.columns)) throw new Error(`Row for "${state.spec.name}" has a column the table lacks: "${column}"`);
  }
  state.checkedColumns = columns;
}

function keyColumnsOf(state: TableState, row: Row): Row {
  const key: Row = {};
  for (const column of state.keyColumns) key[column] = row[column]!;
  return key;
}
