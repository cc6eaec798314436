/** Admin statistics over the whole system (every channel): admin key or admin role only. */
import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators.js';
import { GetSystemStats } from './get-system-stats/get-system-stats.query.js';
import { SystemStatsResponse } from './get-system-stats/get-system-stats.response.js';

@ApiTags('admin')
@ApiBearerAuth()
@ApiSecurity('admin-key')
@Controller('api/analytics')
export class SystemController {
  constructor(private readonly queries: QueryBus) {}

  @AdminOnly()
  @Get('system')
  @ApiOperation({
    summary: 'System-wide statistics: channels, events, projections and their lag, jobs by status, Helix budget used',
  })
  @ApiOkResponse({ type: SystemStatsResponse })
  @ApiForbiddenResponse({ description: 'Not an admin' })
  system() {
    return this.queries.execute(new GetSystemStats());
  }
}
