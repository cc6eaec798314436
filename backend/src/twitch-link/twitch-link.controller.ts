/**
 * REST for the Twitch account link. `connect` and the connection routes need a session; the
 * callback is public because Twitch sends the browser there without one: the signed state says
 * whose link it is, the link cookie that `connect` set proves it is the same browser, and every
 * outcome is a redirect to the dashboard (never an error page).
 */
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Put,
  Query,
  Req,
  Res,
  BadRequestException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Public } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/session-verifier.js';
import { dto } from '../dto.js';
import { AuthorizeUrlResponse, ConnectionDto, ConnectionsResponse } from './connection.response.js';
import { clearedLinkCookie, linkCookie, nonceFromCookies } from './link-browser-cookie.js';
import { TwitchLinkService } from './twitch-link.service.js';

export class TimeZoneBody {
  @ApiProperty({ description: 'An IANA time zone name', example: 'Europe/Berlin' })
  @IsString({ message: 'timeZone must be an IANA time zone name such as "Europe/Berlin"' })
  @MaxLength(64)
  timeZone!: string;
}

const BROADCASTER_ID = /^[A-Za-z0-9_]{1,64}$/;

function checkedBroadcasterId(value: string): string {
  if (!BROADCASTER_ID.test(value))
    throw new BadRequestException('broadcasterId must be a Twitch user id (letters, digits and "_", at most 64)');
  return value;
}

@ApiTags('twitch')
@Controller('api/twitch')
export class TwitchLinkController {
  constructor(private readonly link: TwitchLinkService) {}

  @Get('connect')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Twitch's authorize URL for linking a channel (JSON), or a redirect to it with ?redirect=1",
  })
  @ApiOkResponse({ type: AuthorizeUrlResponse })
  connect(
    @CurrentUser() user: AuthenticatedUser,
    @Query('redirect') redirect: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    const { authorizeUrl, nonce } = this.link.startLink(user.userId);
    reply.header('Set-Cookie', linkCookie(nonce, this.link.redirectUri()));
    reply.header('Cache-Control', 'no-store');
    if (redirect === '1' || redirect === 'true') reply.redirect(authorizeUrl, 302);
    else reply.send({ authorizeUrl });
  }

  @Public()
  @Get('callback')
  @ApiOperation({
    summary:
      'Where Twitch sends the browser back; redirects to the dashboard with ?twitch=connected or ?twitch=error&reason=…',
  })
  async callback(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const outcome = await this.link.completeLink(query, nonceFromCookies(request.headers.cookie));
    reply.header('Cache-Control', 'no-store');
    reply.header('Set-Cookie', clearedLinkCookie(this.link.redirectUri()));
    reply.redirect(this.link.dashboardUrl(outcome), 302);
  }

  @Get('connections')
  @ApiBearerAuth()
  @ApiOperation({ summary: "The signed-in user's linked Twitch accounts, and whether each needs re-authorisation" })
  @ApiOkResponse({ type: ConnectionsResponse })
  async connections(@CurrentUser() user: AuthenticatedUser): Promise<ConnectionsResponse> {
    const connections = await this.link.connections(user.userId);
    return dto(ConnectionsResponse, { connections: connections.map((connection) => dto(ConnectionDto, connection)) });
  }

  @Delete('connections/:broadcasterId')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Disconnect a linked Twitch account: revokes and deletes its tokens' })
  async disconnect(
    @CurrentUser() user: AuthenticatedUser,
    @Param('broadcasterId') broadcasterId: string,
  ): Promise<void> {
    await this.link.disconnect(user.userId, checkedBroadcasterId(broadcasterId));
  }

  @Put('connections/:broadcasterId/time-zone')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Set the time zone of a linked channel's hour-of-week metrics (an IANA name)" })
  async setTimeZone(
    @CurrentUser() user: AuthenticatedUser,
    @Param('broadcasterId') broadcasterId: string,
    @Body() body: TimeZoneBody,
  ) {
    return this.link.setTimeZone(user.userId, checkedBroadcasterId(broadcasterId), body.timeZone);
  }
}
