import { Query } from '@nestjs/cqrs';
import type { AnalyticsHealthResponse } from './get-analytics-health.response.js';

export class GetAnalyticsHealth extends Query<AnalyticsHealthResponse> {}
