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

  @ApiProperty({ description: 'Twitch view count at the latest fetch' })
  views!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Views gained over the requested window as of today (UTC): views now (latest fetch; counts between fetches ' +
      'are taken as unchanged) minus the last count recorded on or before the UTC day `window` days before today. ' +
      'An item created after that gained all its views. One created before it but first seen after it has its ' +
      'start count interpolated linearly between its creation (0 views) and its first count (viewsGainedEstimated). ' +
      'Null when neither is known.',
  })
  viewsGained!: number | null;

  @ApiProperty({ description: 'True when viewsGained rests on an interpolated start count (see viewsGained)' })
  viewsGainedEstimated!: boolean;
}

/** How much the channel's clips (the long tail included) grew over a period. */
export class ClipGrowthDto {
  @ApiProperty({ description: 'Length of the period in days, up to today (UTC): 7, 30 or 90' })
  days!: number;

  @ApiProperty({ description: 'Views the clips gained over the period (sum of viewsGained; unknown ones count 0)' })
  viewsGained!: number;

  @ApiProperty({ description: 'Clips that gained at least one view over the period' })
  clipsGaining!: number;

  @ApiProperty({ description: 'Clips whose gain over the period is unknown (no count old enough, no first count)' })
  clipsUnknown!: number;
}

export class ContentTypeDto {
  @ApiProperty({ description: 'archive | highlight | upload | clip' })
  kind!: string;

  @ApiProperty({ description: 'Items of this type' })
  count!: number;

  @ApiProperty({ description: "Sum of the items' view counts at their latest fetch" })
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

  @ApiProperty({ description: 'Streams in which this game was played' })
  streams!: number;

  @ApiProperty({
    description: 'Hours live in this game (airtime between samples, a game change put half-way between two samples)',
  })
  hoursStreamed!: number;

  @ApiProperty({ description: 'Σ viewers × Δt while in this game, in viewer-hours' })
  hoursWatched!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Hours watched ÷ hours streamed in this game; null when it has only clips',
  })
  averageViewers!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Highest viewer count sampled in this game; null when it has only clips',
  })
  peakViewers!: number | null;

  @ApiProperty({
    description:
      'Follower change observed while streaming this game: a change between two follower observations during a stream is credited to the game of the next sample; 0 when none was observed',
  })
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

  @ApiProperty({ type: [ClipGrowthDto], description: 'Views gained by all clips over 7, 30 and 90 days' })
  clipGrowth!: ClipGrowthDto[];

  @ApiProperty({ type: [GamePerformanceDto], description: 'Every game streamed or clipped, most hours watched first' })
  games!: GamePerformanceDto[];
}
