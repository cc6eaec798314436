/** GET /api/analytics/best-times: when to stream — weekday × hour of the channel's time zone, over its whole history. */
import { ApiProperty } from '@nestjs/swagger';
import { ChannelRefDto } from '../shared/channel-ref.dto.js';

export class BestTimeSlotDto {
  @ApiProperty({ description: 'ISO weekday: 1 = Monday … 7 = Sunday', minimum: 1, maximum: 7 })
  weekday!: number;

  @ApiProperty({ description: "Hour of the day in the channel's time zone, 0–23", minimum: 0, maximum: 23 })
  hour!: number;

  @ApiProperty({
    description:
      "Hours live in this weekday × hour slot of the channel's time zone, over all recorded streams (airtime between first and last live sample)",
  })
  hoursStreamed!: number;

  @ApiProperty({ description: 'Viewer-hours' })
  hoursWatched!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Hours watched ÷ hours streamed in this slot; null when never live in it',
  })
  averageViewers!: number | null;

  @ApiProperty({ description: 'Followers gained in this slot (fetches spread evenly over the time between them)' })
  followersGained!: number;
}

export class BestTimesResponse {
  @ApiProperty({ type: ChannelRefDto })
  channel!: ChannelRefDto;

  @ApiProperty({
    description: 'IANA time zone the hours are in (UTC until the streamer sets one)',
    example: 'Europe/Berlin',
  })
  timeZone!: string;

  @ApiProperty({
    type: [BestTimeSlotDto],
    description: 'All 168 slots, Monday 0:00 first; slots without data are zeros',
  })
  slots!: BestTimeSlotDto[];

  @ApiProperty({
    type: [BestTimeSlotDto],
    description: 'Up to 5 slots with the most average viewers, among slots streamed at least `minHours` hours',
  })
  bestByAverageViewers!: BestTimeSlotDto[];

  @ApiProperty({
    type: [BestTimeSlotDto],
    description: 'Up to 5 slots with the most followers gained (only slots that gained any)',
  })
  bestByFollowersGained!: BestTimeSlotDto[];

  @ApiProperty({ description: 'Hours streamed a slot needs before its average counts as a recommendation' })
  minHours!: number;
}
