/** GET /api/analytics/streams/:streamId: one stream in full, for the dashboard's stream report. */
import { ApiProperty } from '@nestjs/swagger';
import { ChannelRefDto } from '../shared/channel-ref.dto.js';
import { StreamSessionDto } from '../shared/stream-session.dto.js';

export class StreamSampleDto {
  @ApiProperty({ description: 'When the sample was fetched (ISO 8601)' }) at!: string;
  @ApiProperty({ description: 'Viewers Twitch reported at that moment' }) viewers!: number;
  @ApiProperty({ description: 'Twitch game (category) id; "" when the stream had none' }) gameId!: string;
  @ApiProperty({ type: String, nullable: true }) gameName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The title at that moment' }) title!: string | null;
}

export class StreamChangeDto {
  @ApiProperty({ description: 'The first sample that showed the change (ISO 8601)' }) at!: string;
  @ApiProperty({ enum: ['game', 'title'] }) kind!: 'game' | 'title';
  @ApiProperty({ type: String, nullable: true, description: 'Game name (or id) or title before' }) from!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Game name (or id) or title after' }) to!: string | null;
}

export class GameSpanDto {
  @ApiProperty() gameId!: string;
  @ApiProperty({ type: String, nullable: true }) gameName!: string | null;
  @ApiProperty({ description: 'Start of the stretch in this game (the stream start, or the first sample in it)' })
  from!: string;
  @ApiProperty({ description: "End of the stretch (the next game's first sample, or the stream's end)" }) to!: string;
}

export class StreamGameDto {
  @ApiProperty({ description: 'Twitch game (category) id; "" for no category' }) gameId!: string;
  @ApiProperty({ type: String, nullable: true }) gameName!: string | null;
  @ApiProperty({ description: 'Hours live in this game during the stream' }) hoursStreamed!: number;
  @ApiProperty({ description: 'Viewer-hours in this game during the stream (area under the curve)' })
  hoursWatched!: number;
}

export class StreamClipDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ description: 'When the clip was made (ISO 8601)' }) createdAt!: string;
  @ApiProperty({ description: 'Views of the clip at its last fetch' }) views!: number;
}

export class StreamVodDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ description: 'When Twitch created the archive (ISO 8601)' }) createdAt!: string;
  @ApiProperty({ description: 'Views of the VOD at its last fetch' }) views!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Length of the VOD in seconds' })
  durationSeconds!: number | null;
}

export class StreamReportResponse {
  @ApiProperty({ type: ChannelRefDto }) channel!: ChannelRefDto;
  @ApiProperty({ type: StreamSessionDto }) stream!: StreamSessionDto;
  @ApiProperty({ description: 'True while the stream has not been seen ending' }) live!: boolean;
  @ApiProperty({ type: [StreamSampleDto], description: 'Every live sample, oldest first: the viewer curve' })
  samples!: StreamSampleDto[];
  @ApiProperty({ type: [StreamChangeDto], description: 'Every game and title change, in time order' })
  changes!: StreamChangeDto[];
  @ApiProperty({ type: [GameSpanDto], description: 'The stream cut into stretches per game, in time order' })
  gameSpans!: GameSpanDto[];
  @ApiProperty({
    type: [StreamGameDto],
    description: 'Time and viewer-hours per game, in the order the games appeared',
  })
  games!: StreamGameDto[];
  @ApiProperty({ type: [StreamClipDto], description: 'Clips made during the stream, most viewed first' })
  clips!: StreamClipDto[];
  @ApiProperty({
    type: StreamVodDto,
    nullable: true,
    description: 'The archive (VOD) Twitch made of the stream, if it has one: created within 10 minutes of its start',
  })
  vod!: StreamVodDto | null;
}
