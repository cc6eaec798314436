/**
 * The projector's in-memory rows of one build: what `apply` reads and writes, the rows changed since
 * the last commit, and an undo log so an event that throws half-way leaves no trace.
 *
 * It is a cache of the build's tables, valid because one runner at a time writes a build (the
 * build lock). While a build replays from an empty table and nothing has been evicted, the set
 * knows every row (`complete`): a row it lacks does not exist, so catch-up never queries the
 * tables it is filling. Rows are found by their key columns' values, one map level per column
 * ("1" and 1 name the same row, as they do in Postgres).
 */
import type { Row, RowSet, TableSpec } from '@creatorsync/projections';
import { must } from '../must.js';
import { UndoLog } from './internal/undo-log.js';

/** Joins key columns' values in `keyOf` (it cannot occur in them). */
const SEPARATOR = '\u001f';

/**
 * What the set knows of one row. Entries sit in a tree of maps, one level per key column, so a
 * lookup never builds a joined key string (a rebuild looks rows up several times per event).
 */
interface Entry {
  /** The map holding this entry, and its key there (the last key column's value). */
  parent: Map<string, Entry>;
  leaf: string;
  /** The row, or null for a row known not to exist. */
  row: Row | null;
  /** Whether the row is in the database table: true stored, false not, undefined unknown (absent when the set is complete). */
  stored: boolean | undefined;
  /** Changed since the last takeChanges. */
  dirty: boolean;
  /** In the table's `changed` list (which may hold entries an undo made clean again). */
  listed: boolean;
  /** The key columns of the row when it was deleted (a deleted row has no row to take them from). */
  deletedKey: Row | undefined;
}

type Node = Map<string, Node | Entry>;

interface TableState {
  spec: TableSpec;
  keyColumns: readonly string[];
  /** key column values → … → entry. */
  root: Node;
  /** Entries changed since the last takeChanges, in the order they were first changed. */
  changed: Entry[];
  /** A shallow copy holding exactly the table's columns (see copierFor). */
  copy: (row: Row) => Row;
  /** Throws for a row with a column the table lacks (see columnCheckFor). */
  checkColumns: (row: Row) => void;
}

/** What a commit writes to one table: delete the stored rows with these keys, then insert these rows. */
export interface TableChanges {
  spec: TableSpec;
  deleteKeys: Row[];
  inserts: Row[];
}

export class WorkingSet implements RowSet {
  private readonly tables = new Map<string, TableState>();
  /** The changes since beginEvent. */
  private readonly undo = new UndoLog<Entry, Row>();
  private count = 0;
  /** Every row of every table is in the set (a miss means "no such row"). */
  complete: boolean;

  constructor(specs: readonly TableSpec[], options: { complete: boolean }) {
    for (const spec of specs) {
      this.tables.set(spec.name, {
        spec,
        keyColumns: spec.primaryKey,
        root: new Map(),
        changed: [],
        copy: copierFor(spec),
        checkColumns: columnCheckFor(spec),
      });
    }
    this.complete = options.complete;
  }

  keyOf(table: string, row: Row): string {
    const state = this.table(table);
    const columns = state.keyColumns;
    let key = '';
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) key += SEPARATOR;
      key += keyPart(state, row, must(columns[i], 'columns[i]'));
    }
    return key;
  }

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- RowSet.get's row type (projections/src/projection.ts)
  get<T extends Row = Row>(table: string, key: Row): T | undefined {
    const state = this.table(table);
    const row = find(state, key)?.row;
    // A copy: a projection that changes what it got must put it back to change the set. Shallow, as a
    // deep copy of large jsonb state per event costs more than the rest of the apply; a failed event
    // that changed a nested value in place is handled by the applier (it redoes from the commit).
    return row ? (state.copy(row) as T) : undefined;
  }

  put(table: string, row: Row): void {
    const state = this.table(table);
    state.checkColumns(row);
    this.change(state, row, state.copy(row));
  }

  delete(table: string, key: Row): void {
    const state = this.table(table);
    const entry = this.change(state, key, null);
    entry.deletedKey = keyColumnsOf(state, key);
  }

  /** Whether the set knows this row's state (loaded, written, known absent, or the set is complete). */
  knows(table: string, key: Row): boolean {
    return this.complete || find(this.table(table), key) !== undefined;
  }

  /** Records a row's stored state without marking it changed: a row, or null for "not stored". */
  load(table: string, key: Row, row: Row | null): void {
    const state = this.table(table);
    let entry = find(state, key);
    if (!entry) {
      entry = create(state, key);
      this.count++;
    }
    entry.row = row;
    entry.stored = row !== null;
  }

  /** Starts an event: changes from here on can be undone with `undoEvent`. */
  beginEvent(): void {
    this.undo.reset();
  }

  /** Reverts every change since `beginEvent` (the event threw half-way). */
  undoEvent(): void {
    this.undo.unwind((entry, rowBefore, knownBefore, dirtyBefore) => {
      if (!knownBefore) {
        entry.parent.delete(entry.leaf);
        entry.dirty = false;
        this.count--;
      } else {
        entry.row = rowBefore;
        entry.dirty = dirtyBefore;
      }
    });
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
      if (state.changed.length === 0) continue;
      const inserts: Row[] = [];
      const deleteKeys: Row[] = [];
      let dirty = 0;
      for (const entry of state.changed) {
        entry.listed = false;
        // Made clean again by an undo, or dropped by one (then it is no longer in its map).
        if (!entry.dirty || entry.parent.get(entry.leaf) !== entry) continue;
        entry.dirty = false;
        dirty++;
        const row = entry.row;
        if (entry.stored ?? !this.complete)
          deleteKeys.push(row ? keyColumnsOf(state, row) : must(entry.deletedKey, 'entry.deletedKey'));
        if (row) inserts.push(row);
        entry.stored = row !== null;
        entry.deletedKey = undefined;
      }
      state.changed = [];
      if (dirty > 0) changes.push({ spec: state.spec, deleteKeys, inserts });
    }
    this.undo.reset();
    return changes;
  }

  get changedRows(): number {
    let n = 0;
    for (const state of this.tables.values())
      for (const entry of state.changed) if (entry.dirty && entry.parent.get(entry.leaf) === entry) n++;
    return n;
  }

  /** Rows (and known absences) held. */
  size(): number {
    return this.count;
  }

  /** Forgets everything (changes included); from now on a miss must be looked up. */
  clear(): void {
    for (const state of this.tables.values()) {
      state.root = new Map();
      state.changed = [];
    }
    this.undo.release();
    this.count = 0;
    this.complete = false;
  }

  private change(state: TableState, key: Row, row: Row | null): Entry {
    let entry = find(state, key);
    const known = entry !== undefined;
    if (!entry) {
      entry = create(state, key);
      this.count++;
    }
    this.undo.record(entry, entry.row, known, entry.dirty);
    entry.row = row;
    entry.dirty = true;
    if (!entry.listed) {
      entry.listed = true;
      state.changed.push(entry);
    }
    return entry;
  }

  private table(name: string): TableState {
    const state = this.tables.get(name);
    if (!state) throw new Error(`Table "${name}" is not owned by this projection`);
    return state;
  }
}

/** A key column's value as a map key: "1" and 1 name the same row, as they do in Postgres. */
function keyPart(state: TableState, row: Row, column: string): string {
  const value = row[column];
  if (value === undefined || value === null)
    throw new Error(`Row for "${state.spec.name}" lacks key column "${column}"`);
  // As the projections' RowSet (row-set.ts): an object would name every such row '[object Object]'.
  if (typeof value === 'object')
    throw new Error(`Key column "${column}" of "${state.spec.name}" holds an object, not a scalar`);
  return typeof value === 'string' ? value : String(value);
}

function find(state: TableState, key: Row): Entry | undefined {
  const columns = state.keyColumns;
  let node: Node | Entry | undefined = state.root;
  for (let i = 0; i < columns.length; i++) {
    node = (node as Node).get(keyPart(state, key, must(columns[i], 'columns[i]')));
    if (node === undefined) return undefined;
  }
  return node as Entry;
}

/** A new entry for an unknown row (the caller fills it in), with the maps on its way. */
function create(state: TableState, key: Row): Entry {
  const columns = state.keyColumns;
  let node = state.root;
  const last = columns.length - 1;
  for (let i = 0; i < last; i++) {
    const part = keyPart(state, key, must(columns[i], 'columns[i]'));
    let next = node.get(part) as Node | undefined;
    if (!next) node.set(part, (next = new Map()));
    node = next;
  }
  const leaf = keyPart(state, key, must(columns[last], 'columns[last]'));
  const entry: Entry = {
    parent: node as Map<string, Entry>,
    leaf,
    row: null,
    stored: undefined,
    dirty: false,
    listed: false,
    deletedKey: undefined,
  };
  node.set(leaf, entry);
  return entry;
}

/**
 * The table's row copier: an object literal naming every column, so each copy of a table's rows
 * has one shape (a generic `{ ...row }` over every table's rows is several times slower, and is
 * most of what get and put cost in a rebuild). Columns a row lacks come out undefined, which
 * every reader (and COPY, as NULL) takes as absent.
 */
function copierFor(spec: TableSpec): (row: Row) => Row {
  const fields = Object.keys(spec.columns).map((column) => `${JSON.stringify(column)}: row[${JSON.stringify(column)}]`);
  // Generating the copier is the point (see above); its source holds only the table's column names, JSON.stringify'd.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('row', `return { ${fields.join(', ')} };`) as (row: Row) => Row;
}

/**
 * The table's check that a row has no column the table lacks (a typo must not vanish), generated
 * with the column names written out: comparing property names to constants is several times
 * cheaper than asking an object of columns for each, and put runs it for every row written.
 */
function columnCheckFor(spec: TableSpec): (row: Row) => void {
  const cases = Object.keys(spec.columns)
    .map((column) => `case ${JSON.stringify(column)}:`)
    .join(' ');
  const refuse = (column: string) => {
    throw new Error(`Row for "${spec.name}" has a column the table lacks: "${column}"`);
  };
  // Generating the check is the point (see above); its source holds only the table's column names, JSON.stringify'd.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const checkFactory = new Function(
    'refuse',
    `return function checkColumns(row) { for (const column in row) { switch (column) { ${cases} break; default: refuse(column); } } };`,
  ) as (refuseColumn: typeof refuse) => (row: Row) => void;
  return checkFactory(refuse);
}

function keyColumnsOf(state: TableState, row: Row): Row {
  const key: Row = {};
  for (const column of state.keyColumns) key[column] = must(row[column], 'row[column]');
  return key;
}
