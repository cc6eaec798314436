import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { dto } from '../dto.js';
import { Public } from './auth.decorators.js';
import { AuthConfigResponse, LocalSignInResponse } from './auth.responses.js';
import type { LocalAuthKeys } from './local-auth-keys.js';
import { issueLocalToken } from './local-token-issuer.js';

export const AUTH_MODE = Symbol('AUTH_MODE');

export type AuthMode = { mode: 'local'; keys: LocalAuthKeys } | { mode: 'clerk'; publishableKey?: string };

export class LocalSignInBody {
  @ApiProperty({ description: 'A local user id: letters, digits, "_", "." and "-"', example: 'demo' })
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9_.-]+$/, { message: 'userId may contain only letters, digits, "_", "." and "-"' })
  userId!: string;

  @ApiProperty({
    description:
      "Sign in with the admin role (local mode only: the embedded default runs on its owner's machine, and its owner administers it)",
    required: false,
    default: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'admin must be true or false' })
  admin?: boolean;
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(@Inject(AUTH_MODE) private readonly auth: AuthMode) {}

  @Public()
  @Get('config')
  @ApiOperation({ summary: 'How the dashboard signs in: local (embedded default) or Clerk' })
  @ApiOkResponse({ type: AuthConfigResponse })
  config(): AuthConfigResponse {
    return this.auth.mode === 'local'
      ? dto(AuthConfigResponse, { mode: 'local' })
      : dto(AuthConfigResponse, { mode: 'clerk', publishableKey: this.auth.publishableKey ?? null });
  }

  /** Local mode only: the embedded default runs on one machine for its owner, so sign-in is by name. */
  @Public()
  @Post('local/sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Local mode: a session token for a local user, with the admin role when asked for' })
  @ApiOkResponse({ type: LocalSignInResponse })
  async localSignIn(@Body() body: LocalSignInBody): Promise<LocalSignInResponse> {
    if (this.auth.mode !== 'local') throw new NotFoundException('Local sign-in is off: this server uses Clerk');
    const admin = body.admin === true;
    const { token, expiresAt } = await issueLocalToken(this.auth.keys, body.userId, { admin });
    return dto(LocalSignInResponse, { token, expiresAt: expiresAt.toISOString(), admin });
  }
}
