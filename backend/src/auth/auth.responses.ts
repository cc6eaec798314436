/** The auth endpoints' answers, described for the OpenAPI document (the dashboard's types are generated from it). */
import { ApiProperty } from '@nestjs/swagger';

export class AuthConfigResponse {
  @ApiProperty({ enum: ['local', 'clerk'], description: 'local: the embedded default signs its own tokens' })
  mode!: 'local' | 'clerk';

  @ApiProperty({ type: String, nullable: true, required: false, description: "Clerk's publishable key (clerk mode)" })
  publishableKey?: string | null;
}

export class LocalSignInResponse {
  @ApiProperty({ description: 'Session token, sent as `Authorization: Bearer <token>`' })
  token!: string;

  @ApiProperty({ description: 'When the token expires (ISO 8601)' })
  expiresAt!: string;

  @ApiProperty({ description: 'Whether the token carries the admin role' })
  admin!: boolean;
}
