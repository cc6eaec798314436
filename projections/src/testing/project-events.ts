/**
 * Test helpers: build catalogue events and run a projection over them in memory.
 *
 * `project` is strict about `rowsToLoad`: `apply` may read only the rows the event named (or rows
 * it wrote itself). The projector loads exactly those rows before a batch, so a read of any other
 * row would see it in one run (still cached) and miss it in another (after a restart) — the
 * incremental rows would then differ from a rebuild's.
 */
import type { CatalogueEvent } from '../catalogue/event-catalogue.js';
import type { Projection, Row, RowSet } from '../projection.js';
import { MemoryRowSet } from '../row-set.js';

let sequence = 0;

export function event<E extends CatalogueEvent>(
  type: E['type'],
  data: E['data'],
  fetchedAt: string,
  streamId = 'test',
): E {
  sequence++;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    type,
    data,
    streamId,
    position: `${sequence}-${sequence}`,
    metadata: { correlationId: 'test', source: 'simulator', schemaVersion: 1, fetchedAt },
  } as E;
}

/** A RowSet that refuses reads of rows the current event did not declare. */
class DeclaredRows implements RowSet {
  private readonly allowed = new Set<string>();
  private eventType = '';

  constructor(private readonly rows: MemoryRowSet) {}

  begin(projection: Projection, e: CatalogueEvent): void {
    this.allowed.clear();
    this.eventType = e.type;
    for (const ref of projection.rowsToLoad(e)) this.allowed.add(this.id(ref.table, ref.key));
  }

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- RowSet.get's row type (projection.ts)
  get<T extends Row = Row>(table: string, key: Row): T | undefined {
    const id = this.id(table, key);
    if (!this.allowed.has(id)) throw new Error(`apply(${this.eventType}) read ${id}, which rowsToLoad did not name`);
    return this.rows.get<T>(table, key);
  }

  put(table: string, row: Row): void {
    this.allowed.add(this.id(table, row));
    this.rows.put(table, row);
  }

  delete(table: string, key: Row): void {
    this.allowed.add(this.id(table, key));
    this.rows.delete(table, key);
  }

  private id(table: string, key: Row): string {
    return `${table} ${this.rows.keyOf(table, key)}`;
  }
}

export function project(
  projection: Projection,
  events: CatalogueEvent[],
  rows = new MemoryRowSet(projection.tables),
): MemoryRowSet {
  const declared = new DeclaredRows(rows);
  for (const e of events) {
    declared.begin(projection, e);
    projection.apply(e, declared);
  }
  return rows;
}
