/** GET /api/twitch/connections, described for the OpenAPI document (the dashboard's types are generated from it). */
import { ApiProperty } from '@nestjs/swagger';

export class ConnectionDto {
  @ApiProperty({ description: 'Twitch broadcaster id' })
  broadcasterId!: string;

  @ApiProperty()
  login!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ type: [String], description: 'OAuth scopes granted' })
  scopes!: string[];

  @ApiProperty({ description: 'When the channel was linked (ISO 8601)' })
  linkedAt!: string;

  @ApiProperty({ type: String, nullable: true, description: 'IANA time zone of hour-of-week metrics; null: UTC' })
  timeZone!: string | null;

  @ApiProperty({ enum: ['ok', 'needs_reauth', 'missing', 'unreadable'] })
  authorisation!: 'ok' | 'needs_reauth' | 'missing' | 'unreadable';

  @ApiProperty({ description: 'The channel must be connected again before it can be collected' })
  needsReauth!: boolean;

  @ApiProperty({ type: String, nullable: true })
  reauthReason!: string | null;
}

export class ConnectionsResponse {
  @ApiProperty({ type: [ConnectionDto] })
  connections!: ConnectionDto[];
}

export class AuthorizeUrlResponse {
  @ApiProperty({ description: "Twitch's authorize URL; open it to link a channel" })
  authorizeUrl!: string;
}
