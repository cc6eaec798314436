import { BadRequestException, Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../database/create-pool.js';
import { ChannelAccess } from '../channel-access.js';
import { toCsv, type CsvValue } from '../export-dataset/csv.js';
import { GetMetricTable, type MetricTableAnswer } from './get-metric-table.query.js';
import { MetricTableShapes, type MetricColumn, type MetricTableShape } from './metric-table-shape.js';
import { timeRange, type TimeBound } from './time-range.js';
import { MetricColumnDto, MetricTableResponse } from './get-metric-table.response.js';
import { dto } from '../../dto.js';

const UNDEFINED_TABLE = '42P01';

@QueryHandler(GetMetricTable)
export class GetMetricTableHandler implements IQueryHandler<GetMetricTable> {
  private readonly shapes: MetricTableShapes;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly channels: ChannelAccess,
  ) {
    this.shapes = new MetricTableShapes(pool);
  }

  async execute(query: GetMetricTable): Promise<MetricTableAnswer> {
    const [shape, channel] = await Promise.all([
      this.shapes.resolve(query.projection, query.table),
      this.channels.resolve(query.userId, query.options.channelId),
    ]);
    const { from, to } = query.options;
    if ((from !== undefined || to !== undefined) && !shape.timeColumn) {
      throw new BadRequestException(
        `Table ${shape.table} has no day or time column: from and to do not apply (its columns: ${shape.columns.map((c) => c.name).join(', ')})`,
      );
    }
    const range = shape.timeColumn ? timeRange(shape.timeColumn, from, to) : [];
    const page = await this.readPage(shape, channel.id, range, query.options).catch(async (error: unknown) => {
      // The build was replaced and its tables dropped since the shape was read: read the new one.
      if ((error as { code?: string }).code !== UNDEFINED_TABLE) throw error;
      this.shapes.forget(shape.buildId);
      const current = await this.shapes.resolve(query.projection, query.table);
      return this.readPage(current, channel.id, range, query.options);
    });

    if (query.options.format === 'csv') {
      return {
        format: 'csv',
        body: toCsv(
          page.shape.columns.map((c) => c.name),
          page.rows.map((row) => csvRow(page.shape.columns, row)),
        ),
        filename: `${shape.projection}.${shape.table}.${channel.id}.csv`,
        totalRows: page.totalRows,
      };
    }
    return {
      format: 'json',
      body: dto(MetricTableResponse, {
        channel,
        projection: page.shape.projection,
        version: page.shape.version,
        table: page.shape.table,
        columns: page.shape.columns.map((c) => dto(MetricColumnDto, { name: c.name, type: c.type })),
        primaryKey: page.shape.primaryKey,
        timeColumn: page.shape.timeColumn?.name ?? null,
        page: query.options.page,
        pageSize: query.options.pageSize,
        totalRows: page.totalRows,
        rows: page.rows,
      }),
    };
  }

  private async readPage(
    shape: MetricTableShape,
    channelId: string,
    range: TimeBound[],
    options: { page: number; pageSize: number },
  ): Promise<{ shape: MetricTableShape; rows: Array<Record<string, unknown>>; totalRows: number }> {
    const params: unknown[] = [channelId];
    const conditions = ['channel_id = $1'];
    for (const bound of range) {
      params.push(bound.value);
      conditions.push(`${quote(bound.column)} ${bound.operator} $${params.length}::${bound.cast}`);
    }
    const where = conditions.join(' AND ');
    const select = shape.columns.map(selectColumn).join(', ');
    const order = shape.primaryKey.map(quote).join(', ');
    const offset = (options.page - 1) * options.pageSize;
    // Built from names read from the catalogue (quoted) and numbers; values go as parameters.
    const [rows, count] = await Promise.all([
      this.pool.query<Record<string, unknown>>(
        `SELECT ${select} FROM ${shape.physicalTable} WHERE ${where} ORDER BY ${order} LIMIT ${options.pageSize} OFFSET ${offset}`,
        params,
      ),
      this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${shape.physicalTable} WHERE ${where}`, params),
    ]);
    return { shape, rows: rows.rows, totalRows: count.rows[0]?.n ?? 0 };
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Dates as 'YYYY-MM-DD' (node-postgres would make a local-midnight Date), bigints as numbers as projections see them. */
function selectColumn(column: MetricColumn): string {
  const name = quote(column.name);
  if (column.type === 'date') return `${name}::text AS ${name}`;
  if (column.type === 'bigint') return `${name}::float8 AS ${name}`;
  return name;
}

function csvRow(columns: readonly MetricColumn[], row: Record<string, unknown>): Record<string, CsvValue> {
  const out: Record<string, CsvValue> = {};
  for (const { name } of columns) out[name] = csvValue(row[name]);
  return out;
}

function csvValue(value: unknown): CsvValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  return JSON.stringify(value);
}
