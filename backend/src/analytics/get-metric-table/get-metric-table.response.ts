/** GET /api/analytics/metrics/<projection>/<table>: a page of a projection table's rows for one channel. */
import { ApiProperty } from '@nestjs/swagger';
import { ChannelRefDto } from '../shared/channel-ref.dto.js';

export class MetricColumnDto {
  @ApiProperty({ example: 'day' })
  name!: string;

  @ApiProperty({
    description:
      "The column's type as the projection declares it (text, integer, bigint, double, boolean, date, timestamptz, jsonb, text[]); dates are 'YYYY-MM-DD' and timestamps ISO 8601 in UTC",
    example: 'date',
  })
  type!: string;
}

export class MetricTableResponse {
  @ApiProperty({ type: ChannelRefDto })
  channel!: ChannelRefDto;

  @ApiProperty({ example: 'best-times' })
  projection!: string;

  @ApiProperty({
    description: "The projection's version whose build serves these rows (the active build)",
    example: 1,
  })
  version!: number;

  @ApiProperty({ example: 'best_times' })
  table!: string;

  @ApiProperty({ type: [MetricColumnDto], description: "The table's columns, in the table's order" })
  columns!: MetricColumnDto[];

  @ApiProperty({
    type: [String],
    description: 'The primary key; rows are ordered by it',
    example: ['channel_id', 'day'],
  })
  primaryKey!: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The day or time column `from` and `to` filter on; null when the table has none',
    example: 'day',
  })
  timeColumn!: string | null;

  @ApiProperty({ description: 'This page, from 1', example: 1 })
  page!: number;

  @ApiProperty({ description: 'Rows per page asked for (the last page may hold fewer)', example: 100 })
  pageSize!: number;

  @ApiProperty({
    description: 'Rows of this channel (within `from`–`to` when given) over all pages',
    example: 168,
  })
  totalRows!: number;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      "The rows, one object per row keyed by column name; numbers are as the projection computed them (their meaning is the projection's: see its file in projections/src), null where the projection left a value out",
  })
  rows!: Array<Record<string, unknown>>;
}
