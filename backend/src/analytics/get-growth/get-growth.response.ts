/** GET /api/analytics/growth: followers, subscribers and viewers per calendar period, with the change against the period before. */
import { ApiProperty } from '@nestjs/swagger';
import { ChannelRefDto } from '../shared/channel-ref.dto.js';
import { growthPeriods, type GrowthPeriod } from '../shared/dates.js';

export class GrowthValueDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'The metric for this period (see the field it belongs to); null when nothing was recorded in or before it',
  })
  value!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: "value − the previous period's value" })
  change!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: "change in percent of the previous period's value, two decimals",
  })
  changePct!: number | null;
}

export class GrowthPeriodDto {
  @ApiProperty({ description: 'First day of the period (YYYY-MM-DD, UTC)' })
  start!: string;

  @ApiProperty({ description: 'Last day, inclusive: today for the period in progress' })
  end!: string;

  @ApiProperty({ description: 'False for the period in progress' })
  complete!: boolean;

  @ApiProperty({ type: GrowthValueDto, description: 'Last known follower total at the end of the period' })
  followers!: GrowthValueDto;

  @ApiProperty({
    description:
      'True when the follower total is reconstructed by a backfill (a lower bound from the current follower list), not observed: no observed total existed yet at the end of the period',
  })
  followersReconstructed!: boolean;

  @ApiProperty({ type: GrowthValueDto, description: 'Last known subscriber total at the end of the period' })
  subscribers!: GrowthValueDto;

  @ApiProperty({
    type: GrowthValueDto,
    description: 'Hours watched ÷ hours streamed within the period (null when not live)',
  })
  averageViewers!: GrowthValueDto;

  @ApiProperty({ type: Number, nullable: true, description: 'Highest concurrent viewers within the period' })
  peakViewers!: number | null;

  @ApiProperty({ description: 'Hours live within the period (airtime cut at UTC day boundaries)' })
  hoursStreamed!: number;

  @ApiProperty({ description: 'Streams started within the period' })
  streams!: number;
}

export class GrowthResponse {
  @ApiProperty({ type: ChannelRefDto })
  channel!: ChannelRefDto;

  @ApiProperty({ enum: growthPeriods })
  period!: GrowthPeriod;

  @ApiProperty({ type: [GrowthPeriodDto], description: 'Oldest first; the last one is the period in progress' })
  periods!: GrowthPeriodDto[];
}
