/** The query side for the app module: its controllers and query handlers, listed here so adding a query touches only this folder. */
import { AnalyticsController } from './analytics.controller.js';
import { ChannelAccess } from './channel-access.js';
import { DemoHistoryController } from './demo-history.controller.js';
import { ExportController } from './export.controller.js';
import { GetMetricTableHandler } from './get-metric-table/get-metric-table.handler.js';
import { MetricsController } from './metrics.controller.js';
import { ExportDatasetHandler } from './export-dataset/export-dataset.handler.js';
import { GetBestTimesHandler } from './get-best-times/get-best-times.handler.js';
import { GetAnalyticsHealthHandler } from './get-analytics-health/get-analytics-health.handler.js';
import { GetChartsHandler } from './get-charts/get-charts.handler.js';
import { DemoHistoryFailure } from './get-demo-history/demo-history-failure.js';
import { GetDemoHistoryHandler } from './get-demo-history/get-demo-history.handler.js';
import { GetContentHandler } from './get-content/get-content.handler.js';
import { GetDetailedHandler } from './get-detailed/get-detailed.handler.js';
import { GetGrowthHandler } from './get-growth/get-growth.handler.js';
import { GetJobsHandler } from './get-jobs/get-jobs.handler.js';
import { GetOverviewHandler } from './get-overview/get-overview.handler.js';
import { GetSystemStatsHandler } from './get-system-stats/get-system-stats.handler.js';
import { GetStreamReportHandler } from './get-stream-report/get-stream-report.handler.js';
import { GetStreamHistoryHandler } from './get-stream-history/get-stream-history.handler.js';
import { HealthController } from './health.controller.js';
import { StreamReportController } from './stream-report.controller.js';
import { SystemController } from './system.controller.js';

export const analyticsControllers = [
  HealthController,
  AnalyticsController,
  ExportController,
  SystemController,
  DemoHistoryController,
  MetricsController,
  StreamReportController,
];

/** What the handlers share: the caller's channels; and the demo seeder's failure, which start-system records. */
export const analyticsServices = [ChannelAccess, DemoHistoryFailure];

export const analyticsQueryHandlers = [
  GetOverviewHandler,
  GetChartsHandler,
  GetDetailedHandler,
  GetGrowthHandler,
  GetContentHandler,
  GetJobsHandler,
  GetAnalyticsHealthHandler,
  GetSystemStatsHandler,
  ExportDatasetHandler,
  GetBestTimesHandler,
  GetDemoHistoryHandler,
  GetMetricTableHandler,
  GetStreamReportHandler,
  GetStreamHistoryHandler,
];
