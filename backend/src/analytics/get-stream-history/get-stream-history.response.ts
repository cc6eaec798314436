/** GET /api/analytics/stream-history: past streams, observed and reconstructed from archives, marked which is which. */
import { ApiProperty } from '@nestjs/swagger';
import { ChannelRefDto } from '../shared/channel-ref.dto.js';
import { StreamCategoryDto } from '../shared/stream-session.dto.js';

export class PastStreamDto {
  @ApiProperty({ description: "Twitch stream id (a reconstructed stream: its archive's stream_id, else the video id)" })
  id!: string;

  @ApiProperty({ description: 'ISO timestamp' })
  startedAt!: string;

  @ApiProperty({ type: String, nullable: true, description: 'ISO timestamp; null while live' })
  endedAt!: string | null;

  @ApiProperty({
    description:
      "Hours: observed, from Twitch's started_at to the last live sample; reconstructed, the archive's duration",
  })
  durationHours!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Time-weighted average audience; null for a reconstructed stream (unknown: nobody sampled it, not 0)',
  })
  averageViewers!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Highest viewer count sampled; null when reconstructed' })
  peakViewers!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Σ viewers × Δt between live samples, in viewer-hours; null for a reconstructed stream (unknown, not 0)',
  })
  hoursWatched!: number | null;

  @ApiProperty({ type: [String], description: "Every title observed, in order; reconstructed: the archive's title" })
  titles!: string[];

  @ApiProperty({
    type: [StreamCategoryDto],
    description: 'Every category (game) an observed stream was in, in order; empty when reconstructed (unknown)',
  })
  categories!: StreamCategoryDto[];

  @ApiProperty({
    description:
      'True when rebuilt by a backfill from its archive (GET /videos, type archive), not observed by live polls. An observed stream wins where both exist',
  })
  reconstructed!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The archive (video id) a reconstructed stream comes from',
  })
  videoId!: string | null;
}

export class StreamHistoryResponse {
  @ApiProperty({ type: ChannelRefDto })
  channel!: ChannelRefDto;

  @ApiProperty({ description: 'Days in the window, both ends included' })
  days!: number;

  @ApiProperty({ description: 'First day of the window (YYYY-MM-DD, UTC)' })
  from!: string;

  @ApiProperty({ description: 'Last day of the window (today unless a range names another)' })
  to!: string;

  @ApiProperty({ description: 'Streams in the window that were observed' })
  observed!: number;

  @ApiProperty({ description: 'Streams in the window known only from their archive (reconstructed)' })
  reconstructed!: number;

  @ApiProperty({ description: 'This page, from 1' })
  page!: number;

  @ApiProperty({ description: 'Streams per page asked for (the last page may hold fewer)' })
  pageSize!: number;

  @ApiProperty({ description: 'Streams in the window' })
  total!: number;

  @ApiProperty({ description: 'Pages in the window (0 when it has no streams)' })
  totalPages!: number;

  @ApiProperty({ type: [PastStreamDto], description: 'Newest first' })
  items!: PastStreamDto[];
}
