/** The demo history's recording progress, for the dashboard's first-start banner. */
import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetDemoHistory } from './get-demo-history/get-demo-history.query.js';
import { DemoHistoryResponse } from './get-demo-history/get-demo-history.response.js';

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('api/analytics')
export class DemoHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get('demo-history')
  @ApiOperation({ summary: "How far the first start's demo history is recorded (day N of DEMO_HISTORY_DAYS)" })
  @ApiOkResponse({ type: DemoHistoryResponse })
  demoHistory(): Promise<DemoHistoryResponse> {
    return this.queries.execute(new GetDemoHistory());
  }
}
