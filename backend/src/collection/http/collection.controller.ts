/**
 * The write side's endpoints. Each records a collection job and answers 202 at once with its id
 * and a consistency token; the job runs in the background, and a query carrying the token waits
 * until the projections show what the job recorded.
 */
import { ConflictException, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { JobAcceptedResponse } from './job-accepted.response.js';
import type { JobKind } from '@creatorsync/projections';
import { formatConsistencyToken } from '../../http/consistency-token.js';
import { AdminOnly, CurrentUser } from '../../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../../auth/session-verifier.js';
import { CollectionJobs } from '../jobs/collection-jobs.js';
import { ConnectedChannels } from '../jobs/connected-channels.js';
import { RequestCooldown } from './request-cooldown.js';

/** The 202 answer; JobAcceptedResponse describes it in the OpenAPI document. */
export interface JobAccepted {
  jobId: string;
  consistencyToken: string;
  kind: JobKind;
  channels: string[];
  status: 'requested';
}

@ApiTags('collection')
@ApiBearerAuth()
@Controller('api/analytics')
export class CollectionController {
  constructor(
    private readonly jobs: CollectionJobs,
    private readonly connected: ConnectedChannels,
    private readonly cooldown: RequestCooldown,
  ) {}

  @Post('trigger')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Collect the caller's channels now (profile, followers, subscribers, live status, videos, clips)",
  })
  @ApiResponse({ status: 202, type: JobAcceptedResponse, description: 'Job requested; it runs in the background' })
  @ApiResponse({ status: 429, description: 'Asked too recently; see Retry-After' })
  trigger(@CurrentUser() user: AuthenticatedUser): Promise<JobAccepted> {
    return this.requestForUser(user, 'trigger');
  }

  @Post('refresh')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: "Re-fetch the caller's channel data (profile, live status, followers, subscribers)" })
  @ApiResponse({ status: 202, type: JobAcceptedResponse, description: 'Job requested; it runs in the background' })
  @ApiResponse({ status: 429, description: 'Asked too recently; see Retry-After' })
  refresh(@CurrentUser() user: AuthenticatedUser): Promise<JobAccepted> {
    return this.requestForUser(user, 'refresh');
  }

  @Post('daily')
  @AdminOnly()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Admin: run the daily collection for every connected channel now' })
  @ApiResponse({ status: 202, type: JobAcceptedResponse, description: 'Job requested; it runs in the background' })
  @ApiResponse({ status: 429, description: 'Asked too recently; see Retry-After' })
  daily(@CurrentUser() user: AuthenticatedUser): Promise<JobAccepted> {
    return this.start(user, 'admin_daily', async () => (await this.connected.all()).map((c) => c.broadcasterId));
  }

  private requestForUser(user: AuthenticatedUser, kind: 'trigger' | 'refresh'): Promise<JobAccepted> {
    return this.start(user, kind, async () => {
      const channels = (await this.connected.ofUser(user.userId)).map((c) => c.broadcasterId);
      if (channels.length === 0)
        throw new ConflictException('No Twitch channel is connected to your account: connect one first');
      return channels;
    });
  }

  private async start(
    user: AuthenticatedUser,
    kind: JobKind,
    channelsOf: () => Promise<string[]>,
  ): Promise<JobAccepted> {
    await this.cooldown.claim(user.userId, kind);
    let job;
    let channels: string[];
    try {
      channels = await channelsOf();
      job = await this.jobs.start({ kind, requestedBy: user.userId, broadcasterIds: channels, source: 'manual' });
    } catch (error) {
      await this.cooldown.release(user.userId, kind).catch(() => undefined);
      throw error;
    }
    return {
      jobId: job.jobId,
      consistencyToken: formatConsistencyToken({ jobId: job.jobId, requestedAt: job.requestedAt }),
      kind,
      channels,
      status: 'requested',
    };
  }
}
