/**
 * An in-memory RowSet: the whole store in projection unit tests ("given these events, then these
 * rows"). Rows are found by their key columns' values as text, as in the projector's working set
 * and in Postgres: "1" and 1 name the same row, so a unit test runs on production's semantics.
 */
import type { Row, RowSet, TableSpec } from './projection.js';
import { must } from './must.js';

export class MemoryRowSet implements RowSet {
  /** table → key → row, or null for a row known not to exist (or deleted). */
  private readonly tables = new Map<string, Map<string, Row | null>>();
  private readonly dirty = new Map<string, Set<string>>();
  private readonly keyColumns = new Map<string, readonly string[]>();

  constructor(specs: readonly TableSpec[]) {
    for (const spec of specs) {
      this.tables.set(spec.name, new Map());
      this.dirty.set(spec.name, new Set());
      this.keyColumns.set(spec.name, spec.primaryKey);
    }
  }

  keyOf(table: string, row: Row): string {
    const columns = this.keyColumns.get(table);
    if (!columns) throw new Error(`Table "${table}" is not owned by this projection`);
    return JSON.stringify(
      columns.map((c) => {
        const value = row[c];
        if (value === undefined || value === null) throw new Error(`Row for "${table}" lacks key column "${c}"`);
        if (typeof value === 'object') throw new Error(`Key column "${c}" of "${table}" holds an object, not a scalar`);
        return String(value);
      }),
    );
  }

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- RowSet.get's row type (projection.ts)
  get<T extends Row = Row>(table: string, key: Row): T | undefined {
    const row = this.table(table).get(this.keyOf(table, key));
    return row ? ({ ...row } as T) : undefined;
  }

  put(table: string, row: Row): void {
    const key = this.keyOf(table, row);
    this.table(table).set(key, { ...row });
    must(this.dirty.get(table), 'this.dirty.get(table)').add(key);
  }

  delete(table: string, key: Row): void {
    const k = this.keyOf(table, key);
    this.table(table).set(k, null);
    must(this.dirty.get(table), 'this.dirty.get(table)').add(k);
  }

  /** Whether the set knows this row's state (loaded, written, or known to be absent). */
  has(table: string, key: Row): boolean {
    return this.table(table).has(this.keyOf(table, key));
  }

  /** Records a row's stored state without marking it changed: a row, or null for "not stored". */
  load(table: string, key: Row, row: Row | null): void {
    this.table(table).set(this.keyOf(table, key), row);
  }

  /** The rows and deletions changed since the last call, per table; clears the change marks. */
  takeChanges(): Map<string, { upserts: Row[]; deletes: Row[] }> {
    const changes = new Map<string, { upserts: Row[]; deletes: Row[] }>();
    for (const [table, keys] of this.dirty) {
      const upserts: Row[] = [];
      const deletes: Row[] = [];
      const columns = must(this.keyColumns.get(table), 'this.keyColumns.get(table)');
      for (const key of keys) {
        const row = this.table(table).get(key);
        if (row) upserts.push(row);
        else
          deletes.push(
            Object.fromEntries(
              columns.map((c, i) => [c, must((JSON.parse(key) as string[])[i], '(JSON.parse(key) as string[])[i]')]),
            ),
          );
      }
      keys.clear();
      changes.set(table, { upserts, deletes });
    }
    return changes;
  }

  /** Every live row of a table in key order (for tests and comparisons). */
  rows(table: string): Row[] {
    return [...this.table(table).entries()]
      .filter((entry): entry is [string, Row] => entry[1] !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
  }

  size(): number {
    let n = 0;
    for (const rows of this.tables.values()) n += rows.size;
    return n;
  }

  clear(): void {
    for (const rows of this.tables.values()) rows.clear();
    for (const keys of this.dirty.values()) keys.clear();
  }

  private table(name: string): Map<string, Row | null> {
    const rows = this.tables.get(name);
    if (!rows) throw new Error(`Table "${name}" is not owned by this projection`);
    return rows;
  }
}
