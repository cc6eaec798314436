/**
 * Which physical table `GET /api/analytics/metrics/<projection>/<table>` reads, and its shape.
 *
 * Read from the database, not from the code this process was started with: a metric that an
 * analyst built beside a running server (`projections rebuild <name> --follow`, or a projector
 * process with newer code) is readable at once, without restarting the API. The active build of
 * the projection (projection_builds) names its tables; the build's physical table gives the
 * columns, their types and the primary key. A build's tables never change shape, so a shape is
 * remembered per build.
 */
import { NotFoundException } from '@nestjs/common';
import type pg from 'pg';

export interface MetricColumn {
  name: string;
  /** The projection's column type (text, integer, bigint, double, boolean, date, timestamptz, jsonb, text[]), else PostgreSQL's name. */
  type: string;
}

export interface MetricTableShape {
  projection: string;
  version: number;
  buildId: number;
  table: string;
  /** `read_model."<table>_b<buildId>"`, quoted. */
  physicalTable: string;
  columns: MetricColumn[];
  primaryKey: string[];
  /** The column `from` and `to` filter on: the first date or timestamptz column, key columns first; null when there is none. */
  timeColumn: MetricColumn | null;
}

const NAME = /^[a-z][a-z0-9_-]{0,62}$/;

const TYPE_NAMES: Record<string, string> = {
  'double precision': 'double',
  'timestamp with time zone': 'timestamptz',
};

export class MetricTableShapes {
  private readonly tableShapes = new Map<string, Promise<MetricTableShape>>();

  constructor(private readonly pool: pg.Pool) {}

  /** The shape of `table` in the active build of `projection`; 404 when there is no such projection or table, or the table is not per channel. */
  async resolve(projection: string, table: string): Promise<MetricTableShape> {
    if (!NAME.test(projection)) throw unknownProjection(projection);
    const { rows } = await this.pool.query<{ build_id: number; version: number; tables: string[] }>(
      `SELECT build_id, version, tables FROM projection_builds WHERE name = $1 AND active`,
      [projection],
    );
    const build = rows[0];
    if (!build) throw unknownProjection(projection);
    if (!build.tables.includes(table)) {
      throw new NotFoundException(
        `Projection ${projection} has no table "${table}"; its tables: ${build.tables.join(', ')}`,
      );
    }
    const key = `${build.build_id}/${table}`;
    let shape = this.tableShapes.get(key);
    if (!shape) {
      shape = this.describe(projection, build.version, build.build_id, table);
      this.tableShapes.set(key, shape);
      shape.catch(() => this.tableShapes.get(key) === shape && this.tableShapes.delete(key));
    }
    const resolved = await shape;
    if (resolved.primaryKey[0] !== 'channel_id') {
      throw new NotFoundException(
        `Table ${table} of ${projection} is not per channel (its key is ${resolved.primaryKey.join(', ') || 'none'}): only tables whose key starts with channel_id are readable here`,
      );
    }
    return resolved;
  }

  /** Forget a build's shapes (its tables were dropped: a newer build serves). */
  forget(buildId: number): void {
    for (const key of this.tableShapes.keys()) if (key.startsWith(`${buildId}/`)) this.tableShapes.delete(key);
  }

  private async describe(
    projection: string,
    version: number,
    buildId: number,
    table: string,
  ): Promise<MetricTableShape> {
    const physicalName = `${table}_b${buildId}`;
    const { rows } = await this.pool.query<{ name: string; type: string; key_position: number | null }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
              array_position(i.indkey::int2[], a.attnum) AS key_position
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
        WHERE n.nspname = 'read_model' AND c.relname = $1 AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum`,
      [physicalName],
    );
    if (rows.length === 0) throw new NotFoundException(`Table ${table} of ${projection} has no rows to read yet`);
    const columns = rows.map((r) => ({ name: r.name, type: TYPE_NAMES[r.type] ?? r.type }));
    const primaryKey = rows
      .filter((r) => r.key_position !== null)
      .sort((a, b) => (a.key_position ?? 0) - (b.key_position ?? 0))
      .map((r) => r.name);
    const isTime = (c: MetricColumn) => c.type === 'date' || c.type === 'timestamptz';
    const keyColumns = primaryKey.map((name) => columns.find((c) => c.name === name)).filter((c) => c !== undefined);
    const timeColumn = keyColumns.find(isTime) ?? columns.find(isTime) ?? null;
    return {
      projection,
      version,
      buildId,
      table,
      physicalTable: `read_model."${physicalName}"`,
      columns,
      primaryKey,
      timeColumn,
    };
  }
}

function unknownProjection(name: string): NotFoundException {
  return new NotFoundException(
    `Unknown projection "${name}": no build of it serves (npm run cli -- projections status lists them)`,
  );
}
