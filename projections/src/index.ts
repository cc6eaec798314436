/**
 * The read side's contract: the event catalogue and every projection. The projector runs each
 * projection in `allProjections`; adding a metric means adding a file here and its migration.
 */
import { accountChannels } from './account-channels.projection.js';
import { analyticsJobs } from './analytics-jobs.projection.js';
import { bestTimes } from './best-times.projection.js';
import { channelAnalytics } from './channel-analytics.projection.js';
import { channelProfiles } from './channel-profiles.projection.js';
import { gameAnalytics } from './game-analytics.projection.js';
import { games } from './games.projection.js';
import { reconstructedHistory } from './reconstructed-history.projection.js';
import { streamSamples } from './stream-samples.projection.js';
import { streamSessions } from './stream-sessions.projection.js';
import { subscriberAccess } from './subscriber-access.projection.js';
import { videoAnalytics } from './video-analytics.projection.js';
import type { Projection } from './projection.js';

export * from './catalogue/event-catalogue.js';
export * from './catalogue/event-metadata.js';
export * from './catalogue/streams.js';
export { jobKinds, type JobKind } from './catalogue/job-events.js';
export { backfillKinds, type BackfillKind } from './catalogue/backfill-events.js';
export * from './projection.js';
export * from './row-set.js';
export * from './time.js';
export { viewsGained, type ViewCount, type ViewsGained, type ViewsSubject } from './views-gained.js';
export {
  accountChannels,
  analyticsJobs,
  bestTimes,
  channelAnalytics,
  channelProfiles,
  gameAnalytics,
  games,
  reconstructedHistory,
  streamSamples,
  streamSessions,
  subscriberAccess,
  videoAnalytics,
};

export const allProjections: readonly Projection[] = [
  channelAnalytics,
  channelProfiles,
  accountChannels,
  streamSessions,
  videoAnalytics,
  gameAnalytics,
  games,
  analyticsJobs,
  bestTimes,
  subscriberAccess,
  reconstructedHistory,
  streamSamples,
] as readonly Projection[];
