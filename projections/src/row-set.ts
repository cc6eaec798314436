/**
 * An in-memory RowSet: the working set the runtime fills from Postgres, and the whole store in
 * projection unit tests ("given these events, then these rows").
 */
import type { Row, RowSet, TableSpec } from './projection.js';

export class MemoryRowSet implements RowSet {
  private readonly tables = new Map<string, Map<string, Row | null>>();
  private readonly keyColumns = new Map<string, readonly string[]>();

  constructor(specs: readonly TableSpec[]) {
    for (const spec of specs) {
      this.tables.set(spec.name, new Map());
      this.keyColumns.set(spec.name, spec.primaryKey);
    }
  }

  keyOf(table: string, row: Row): string {
    const columns = this.keyColumns.get(table);
    if (!columns) throw new Error(`Table "${table}" is not owned by this projection`);
    return JSON.stringify(columns.map((c) => {
      const value = row[c];
      if (value === undefined || value === null) throw new Error(`Row for "${table}" lacks key column "${c}"`);
      return value;
    }));
  }

  get<T extends Row = Row>(table: string, key: Row): T | undefined {
    return (this.tables.get(table)!.get(this.keyOf(table, key)) ?? undefined) as T | undefined;
  }

  put(table: string, row: Row): void {
    this.tables.get(table)!.set(this.keyOf(table, row), { ...row });
  }

  delete(table: string, key: Row): void {
    // null marks a deletion, so the runtime can write it out.
    this.tables.get(table)!.set(this.keyOf(table, key), null);
  }

  /** Seeds a row loaded from storage (not a change). */
  load(table: string, row: Row): void {
    this.put(table, row);
  }

  /** Every row of a table, live ones only, in key order (for tests and comparisons). */
  rows(table: string): Row[] {
    return [...this.tables.get(table)!.entries()]
      .filter((entry): entry is [string, Row] => entry[1] !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
  }

  /** Rows and deletions, per table, keyed by primary key. */
  entries(table: string): IterableIterator<[string, Row | null]> {
    return this.tables.get(table)!.entries();
  }

  clear(): void {
    for (const rows of this.tables.values()) rows.clear();
  }
}
