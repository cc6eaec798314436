import { Query } from '@nestjs/cqrs';
import type { DemoHistoryResponse } from './get-demo-history.response.js';

export class GetDemoHistory extends Query<DemoHistoryResponse> {}
