/** Admin statistics over the whole system (every channel): admin key or admin role only. */
import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators.js';
import { GetSystemStats } from './get-system-stats/get-system-stats.query.js';
import {
  HelixBucketDto,
  HelixEndpointUsageDto,
  SystemStatsResponse,
} from './get-system-stats/get-system-stats.response.js';

@ApiTags('admin')
@ApiBearerAuth()
@ApiSecurity('admin-key')
// HelixUsageDto names these two by $ref only (map values), so the document must be told to include them.
@ApiExtraModels(HelixEndpointUsageDto, HelixBucketDto)
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
