/**
 * The REST API's shapes under the names the dashboard uses. They are generated from the backend's
 * OpenAPI document (`api.gen.ts`, openapi-typescript; `npm run api-types -w dashboard` regenerates it)
 * and checked against the running API by `tests/api-types.drift.spec.ts`: no hand-kept copies here.
 */
import type { components } from './api.gen.js'; // .js: also loaded by the Node tests

type Schemas = components['schemas'];

export type AuthConfig = Schemas['AuthConfigResponse'];
export type LocalSignInResponse = Schemas['LocalSignInResponse'];

export type ChannelSummary = Schemas['ChannelRefDto'];
export type LevelMetric = Schemas['LevelMetricDto'];
export type PeriodMetric = Schemas['PeriodMetricDto'];
export type Trend = LevelMetric['trend'];
export type OverviewResponse = Schemas['OverviewResponse'];
export type DemoHistoryResponse = Schemas['DemoHistoryResponse'];

export type FollowerGrowthPoint = Schemas['FollowerGrowthPoint'];
export type ReconstructedFollowersPoint = Schemas['ReconstructedFollowersPoint'];
export type ViewershipPoint = Schemas['ViewershipPoint'];
export type StreamFrequencyPoint = Schemas['StreamFrequencyPoint'];
export type TopGamePoint = Schemas['TopGamePoint'];
export type VideoPerformancePoint = Schemas['VideoPerformancePoint'];
export type ChartsResponse = Schemas['ChartsResponse'];

export type DetailedResponse = Schemas['DetailedResponse'];
export type StreamReport = Schemas['StreamReportResponse'];
export type PastStream = Schemas['PastStreamDto'];
export type StreamHistoryResponse = Schemas['StreamHistoryResponse'];

export type GrowthPeriod = Schemas['GrowthPeriodDto'];
export type GrowthResponse = Schemas['GrowthResponse'];

export type ContentItem = Schemas['ContentItemDto'];
export type ContentType = Schemas['ContentTypeDto'];
export type GamePerformance = Schemas['GamePerformanceDto'];
export type ContentResponse = Schemas['ContentResponse'];
export type GainWindow = ContentResponse['window'];

export type BestTimeSlot = Schemas['BestTimeSlotDto'];
export type BestTimesResponse = Schemas['BestTimesResponse'];

export type JobChannel = Schemas['JobChannelDto'];
export type ChannelOutcome = JobChannel['outcome'];
export type JobCounts = Schemas['JobCountsDto'];
export type Job = Schemas['JobDto'];
export type JobsResponse = Schemas['JobsResponse'];
/** POST /api/analytics/refresh (and trigger): 202 at once, the job runs in the background. */
export type JobAccepted = Schemas['JobAcceptedResponse'];

export type Connection = Schemas['ConnectionDto'];
export type ConnectionsResponse = Schemas['ConnectionsResponse'];
export type AuthorizeUrlResponse = Schemas['AuthorizeUrlResponse'];

export type SystemStatsResponse = Schemas['SystemStatsResponse'];
export type ProjectionStatus = Schemas['ProjectionStatusDto'];
export type AdminJob = Schemas['AdminJobDto'];
export type HelixHour = Schemas['HelixHourDto'];

export type BackfillView = Schemas['BackfillViewDto'];
export type BackfillList = Schemas['BackfillListDto'];
export type BackfillAccepted = Schemas['BackfillAcceptedDto'];
export type StartBackfill = Schemas['StartBackfillDto'];
/** What the backfill form asks for; the page adds dryRun (preview or real run). */
export type BackfillRequest = Omit<StartBackfill, 'dryRun'>;
export type BackfillKind = BackfillView['kinds'][number];

// Parameters and headers, which the document describes as plain strings.
export type ExportDataset = 'daily' | 'streams' | 'videos' | 'games';
/** X-Consistency on a query that carried a consistency token. */
export type Consistency = 'fresh' | 'timeout';
export type ProjectionOperation = Schemas['ProjectionOperationDto'];
export type ProjectionOperationList = Schemas['ProjectionOperationListDto'];
