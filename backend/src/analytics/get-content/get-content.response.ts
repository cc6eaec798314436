/** GET /api/analytics/content: videos and clips ranked per type, and how each game performs. */
import { ApiProperty } from '@nestjs/swagger';
import { gainWindows, type GainWindow } from '../analytics-query.dto.js';
import { ChannelRefDto } from '../shared/channel-ref.dto.js';

export class ContentItemDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: 'archive | highlight | upload | clip' })
  kind!: string;

  @ApiProperty({ type: String, nullable: true })
  title!: string | null;

  @ApiProperty({ type: String, nullable: true })
  gameId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  gameName!: string | null;

  @ApiProperty({ description: 'ISO timestamp' })
  createdAt!: string;

  @ApiProperty()
  views!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Views gained over the requested window; null until that much history exists',
  })
  viewsGained!: number | null;
}

export class ContentTypeDto {
  @ApiProperty({ description: 'archive | highlight | upload | clip' })
  kind!: string;

  @ApiProperty({ description: 'Items of this type' })
  count!: number;

  @ApiProperty()
  totalViews!: number;

  @ApiProperty({
    description: 'Views gained over the window by all items of this type (items without history count 0)',
  })
  totalViewsGained!: number;

  @ApiProperty({ type: [ContentItemDto], description: 'Most viewed first' })
  topByViews!: ContentItemDto[];

  @ApiProperty({
    type: [ContentItemDto],
    description: 'Most views gained in the window first (items without history last)',
  })
  topByViewsGained!: ContentItemDto[];
}

export class GamePerformanceDto {
  @ApiProperty()
  gameId!: string;

  @ApiProperty({ type: String, nullable: true })
  gameName!: string | null;

  @ApiProperty()
  streams!: number;

  @ApiProperty()
  hoursStreamed!: number;

  @ApiProperty()
  hoursWatched!: number;

  @ApiProperty({ type: Number, nullable: true })
  averageViewers!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  peakViewers!: number | null;

  @ApiProperty()
  followersGained!: number;

  @ApiProperty({ description: "Share of the channel's airtime in this game, 0–1" })
  airtimeShare!: number;

  @ApiProperty({ description: 'Clips in this game' })
  clips!: number;

  @ApiProperty({ description: 'Views of the clips in this game' })
  clipViews!: number;
}

export class ContentResponse {
  @ApiProperty({ type: ChannelRefDto })
  channel!: ChannelRefDto;

  @ApiProperty({ enum: gainWindows })
  window!: GainWindow;

  @ApiProperty({ type: [ContentTypeDto], description: 'One entry per type the channel has, ordered by type' })
  types!: ContentTypeDto[];

  @ApiProperty({ type: [GamePerformanceDto], description: 'Every game streamed or clipped, most hours watched first' })
  games!: GamePerformanceDto[];
}
