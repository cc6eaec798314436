/** Query parameters of the analytics endpoints, validated before any handler runs. */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class ChannelQuery {
  @ApiPropertyOptional({ description: 'Twitch broadcaster id of one of your channels; default: your primary channel', example: '141981764' })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'channel must be a Twitch broadcaster id (digits)' })
  channel?: string;
}

export class ChartsQuery extends ChannelQuery {
  @ApiPropertyOptional({ description: 'How many days back, 1–730', default: 30, minimum: 1, maximum: 730 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'days must be a whole number' })
  @Min(1, { message: 'days must be at least 1' })
  @Max(730, { message: 'days must be at most 730' })
  days: number = 30;
}
