/**
 * Query parameters of the analytics endpoints, validated before any handler runs (the global
 * ValidationPipe rejects unknown parameters too). Every message says what is wrong and what is allowed.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { growthPeriods, type GrowthPeriod } from './shared/dates.js';

const oneOf = (name: string, values: readonly string[]) => ({
  message: `${name} must be one of: ${values.join(', ')}`,
});

/** A whole-number parameter within [min, max], with the messages the API promises. */
function WholeNumber(name: string, min: number, max: number): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    Type(() => Number)(target, key);
    IsInt({ message: `${name} must be a whole number` })(target, key);
    Min(min, { message: `${name} must be at least ${min}` })(target, key);
    Max(max, { message: `${name} must be at most ${max}` })(target, key);
  };
}

export class ChannelQuery {
  @ApiPropertyOptional({
    description: 'Twitch broadcaster id of one of your channels; default: your primary channel',
    example: '141981764',
  })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'channel must be a Twitch broadcaster id (digits)' })
  channel?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A custom range's first or last day (YYYY-MM-DD); the handler checks it is a real day, in order, not in the future. */
function RangeDay(name: 'from' | 'to', description: string, example: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ description, example, format: 'date' })(target, key);
    IsOptional()(target, key);
    Matches(DAY, { message: `${name} must be a day (YYYY-MM-DD)` })(target, key);
  };
}

const RANGE_RULES = 'Give `days`, or `from` and `to` (a custom range, at most 730 days, not after today), not both';

export class ChartsQuery extends ChannelQuery {
  @ApiPropertyOptional({
    description: `How many days back, today included, 1–730 (default 30). ${RANGE_RULES}`,
    default: 30,
    minimum: 1,
    maximum: 730,
  })
  @WholeNumber('days', 1, 730)
  days?: number;

  @RangeDay('from', 'First day of a custom range, inclusive (UTC)', '2026-01-01')
  from?: string;

  @RangeDay('to', 'Last day of a custom range, inclusive (UTC); today at the latest', '2026-01-31')
  to?: string;
}

export class DetailedQuery extends ChartsQuery {
  @ApiPropertyOptional({ description: 'Page of stream sessions, from 1', default: 1, minimum: 1, maximum: 10_000 })
  @WholeNumber('page', 1, 10_000)
  page: number = 1;

  @ApiPropertyOptional({ description: 'Stream sessions per page, 1–100', default: 25, minimum: 1, maximum: 100 })
  @WholeNumber('pageSize', 1, 100)
  pageSize: number = 25;
}

export class StreamHistoryQuery extends ChannelQuery {
  @ApiPropertyOptional({
    description: `How many days back, today included, 1–730 (default 90; Twitch keeps archives 7–60 days). ${RANGE_RULES}`,
    default: 90,
    minimum: 1,
    maximum: 730,
  })
  @WholeNumber('days', 1, 730)
  days?: number;

  @RangeDay('from', 'First day of a custom range, inclusive (UTC)', '2026-01-01')
  from?: string;

  @RangeDay('to', 'Last day of a custom range, inclusive (UTC); today at the latest', '2026-01-31')
  to?: string;

  @ApiPropertyOptional({ description: 'Page of streams, from 1', default: 1, minimum: 1, maximum: 10_000 })
  @WholeNumber('page', 1, 10_000)
  page: number = 1;

  @ApiPropertyOptional({ description: 'Streams per page, 1–100', default: 25, minimum: 1, maximum: 100 })
  @WholeNumber('pageSize', 1, 100)
  pageSize: number = 25;
}

export class GrowthQuery extends ChannelQuery {
  @ApiPropertyOptional({
    enum: growthPeriods,
    default: 'month',
    description: 'Calendar period to bucket by (weeks start on Monday, UTC)',
  })
  @IsOptional()
  @IsIn(growthPeriods, oneOf('period', growthPeriods))
  period: GrowthPeriod = 'month';

  @ApiPropertyOptional({
    description: 'How many periods, the current one included, 1–120',
    default: 12,
    minimum: 1,
    maximum: 120,
  })
  @WholeNumber('periods', 1, 120)
  periods: number = 12;
}

export const gainWindows = ['1d', '7d', '30d'] as const;
export type GainWindow = (typeof gainWindows)[number];

export class ContentQuery extends ChannelQuery {
  @ApiPropertyOptional({ description: 'Items per ranking, 1–100', default: 10, minimum: 1, maximum: 100 })
  @WholeNumber('limit', 1, 100)
  limit: number = 10;

  @ApiPropertyOptional({ enum: gainWindows, default: '7d', description: 'Window of the "views gained" ranking' })
  @IsOptional()
  @IsIn(gainWindows, oneOf('window', gainWindows))
  window: GainWindow = '7d';
}

export class JobsQuery {
  @ApiPropertyOptional({
    description: 'Only jobs that included this channel of yours; default: all your channels',
    example: '141981764',
  })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'channel must be a Twitch broadcaster id (digits)' })
  channel?: string;

  @ApiPropertyOptional({ description: 'Newest jobs first, 1–100', default: 20, minimum: 1, maximum: 100 })
  @WholeNumber('limit', 1, 100)
  limit: number = 20;

  @ApiPropertyOptional({
    description:
      'Only this job (the jobId a trigger or refresh answered); an empty list while it is not in the read model yet, or when it is not yours',
    example: 'e3b0c442-98fc-4c14-9afb-f4c8996fb924',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]{1,100}$/, {
    message: 'job must be a job id (letters, digits, "_", ".", ":" and "-", at most 100)',
  })
  job?: string;
}

export const exportDatasets = ['daily', 'streams', 'videos', 'games'] as const;
export type ExportDataset = (typeof exportDatasets)[number];
export const exportFormats = ['csv', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export class ExportQuery extends ChannelQuery {
  @ApiProperty({
    enum: exportDatasets,
    description:
      'daily: one row per day; streams: sessions with titles and categories; videos: videos and clips; games: per-game totals',
  })
  @IsIn(exportDatasets, oneOf('dataset', exportDatasets))
  dataset!: ExportDataset;

  @ApiPropertyOptional({ enum: exportFormats, default: 'csv' })
  @IsOptional()
  @IsIn(exportFormats, oneOf('format', exportFormats))
  format: ExportFormat = 'csv';

  @ApiPropertyOptional({
    description: `daily and streams: how many days back, today included, 1–730 (default 365). ${RANGE_RULES}`,
    default: 365,
    minimum: 1,
    maximum: 730,
  })
  @WholeNumber('days', 1, 730)
  days?: number;

  @RangeDay('from', 'daily and streams: first day of a custom range, inclusive (UTC)', '2026-01-01')
  from?: string;

  @RangeDay('to', 'daily and streams: last day of a custom range, inclusive (UTC); today at the latest', '2026-01-31')
  to?: string;
}

export class BestTimesQuery extends ChannelQuery {}

const DAY_OR_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const dayOrTime = (name: string) => ({
  message: `${name} must be a day (YYYY-MM-DD) or an ISO 8601 time with its offset (2026-03-01T18:00:00Z)`,
});

export class MetricTableQuery extends ChannelQuery {
  @ApiPropertyOptional({
    description:
      "First day or time, inclusive, on the table's day or time column (`timeColumn` in the answer); only for tables that have one",
    example: '2026-01-01',
  })
  @IsOptional()
  @Matches(DAY_OR_TIME, dayOrTime('from'))
  from?: string;

  @ApiPropertyOptional({
    description:
      'Last day or time, inclusive (a day includes all of it, in UTC); only for tables with a day or time column',
    example: '2026-03-31',
  })
  @IsOptional()
  @Matches(DAY_OR_TIME, dayOrTime('to'))
  to?: string;

  @ApiPropertyOptional({
    description: 'Page of rows, from 1, in primary-key order',
    default: 1,
    minimum: 1,
    maximum: 100_000,
  })
  @WholeNumber('page', 1, 100_000)
  page: number = 1;

  @ApiPropertyOptional({ description: 'Rows per page, 1–1000', default: 100, minimum: 1, maximum: 1000 })
  @WholeNumber('pageSize', 1, 1000)
  pageSize: number = 100;

  @ApiPropertyOptional({
    enum: exportFormats,
    default: 'json',
    description: 'json: the answer below; csv: the rows as an attachment',
  })
  @IsOptional()
  @IsIn(exportFormats, oneOf('format', exportFormats))
  format: ExportFormat = 'json';
}
