/**
 * What a projection is: plain data plus one pure function. No I/O, no framework.
 *
 * The runtime (backend/src/projector) loads the rows named by `rowsToLoad` for a batch of events,
 * calls `apply` for each event in log order on that working set, and then writes the rows the
 * batch changed together with the projection's new checkpoint in one transaction.
 */
import type { CatalogueEvent, EventType } from './catalogue/event-catalogue.js';

export type ColumnType =
  'text' | 'integer' | 'bigint' | 'double' | 'boolean' | 'date' | 'timestamptz' | 'jsonb' | 'text[]';

/** A cell as projections see it: dates as 'YYYY-MM-DD', timestamps as ISO strings, bigints as numbers. */
export type Cell = string | number | boolean | null | string[] | { [key: string]: unknown } | unknown[];
export type Row = Record<string, Cell>;

/** A read table the projection owns. Its shape is defined by a migration (a template table). */
export interface TableSpec {
  /** The name readers use (a view onto the active version's physical table). */
  name: string;
  primaryKey: readonly string[];
  columns: Readonly<Record<string, ColumnType>>;
}

export interface RowRef {
  table: string;
  key: Row;
}

/** The rows a batch works on. Reads see earlier writes of the same batch. */
export interface RowSet {
  /**
   * A shallow copy of the row: a change counts once the row is put back. A nested value (a jsonb
   * array or object) may be changed in place, as long as the row is put back in the same `apply`.
   */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names its row type: tables are declared as data, so `table` cannot carry it
  get<T extends Row = Row>(table: string, key: Row): T | undefined;
  /** Inserts or replaces the row with the same primary key. */
  put(table: string, row: Row): void;
  delete(table: string, key: Row): void;
}

export interface Projection<E extends CatalogueEvent = CatalogueEvent> {
  name: string;
  /** Bump when the tables or the logic change: the new version is rebuilt from the log while the old one serves. */
  version: number;
  handles: readonly E['type'][];
  tables: readonly TableSpec[];
  /**
   * 'by-channel': every event it handles concerns one channel (its stream's, or its `broadcasterId`),
   * and `apply` reads and writes only that channel's rows (each table's key starts with
   * `channel_id`). A replay may then apply different channels in parallel. Leave it out otherwise.
   */
  parallel?: 'by-channel';
  /** The existing rows `apply` will read for this event (loaded before the batch runs). */
  rowsToLoad(event: E): RowRef[];
  apply(event: E, rows: RowSet): void;
  /**
   * The module that defines it (set by `defineProjection`): the projector fingerprints the code of
   * this module and of the modules it imports, so a build records which code computed it.
   */
  module?: string;
}

/** Helps TypeScript narrow `E` to the handled event types. */
export function defineProjection<T extends EventType>(
  projection: Projection<Extract<CatalogueEvent, { type: T }>> & { handles: readonly T[] },
): Projection<Extract<CatalogueEvent, { type: T }>> {
  projection.module ??= callerModule();
  return projection;
}

/**
 * The file of the module calling `defineProjection`, from the call stack (no I/O): the third frame
 * below "Error" (this function, defineProjection, the caller). Undefined when the stack says nothing.
 */
function callerModule(): string | undefined {
  const frame = new Error().stack?.split('\n')[3]?.trim();
  return frame ? /\(?((?:file:\/\/)?\/[^()]+?\.[cm]?[jt]s):\d+:\d+\)?$/.exec(frame)?.[1] : undefined;
}
