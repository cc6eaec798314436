import { Query } from '@nestjs/cqrs';
import type { SystemStatsResponse } from './get-system-stats.response.js';

export class GetSystemStats extends Query<SystemStatsResponse> {}
