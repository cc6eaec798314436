/** Everything the write side registers in the Nest application (see app/app.module.ts). */
import type { Provider } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { COLLECTION_OPTIONS, collectionOptionsFrom } from './collection-options.js';
import { ChannelStateStore } from './facts/channel-state-store.js';
import { CollectChannelProfilesHandler } from './fetches/collect-channel-profiles.handler.js';
import { CollectClipsHandler } from './fetches/collect-clips.handler.js';
import { CollectTopClipsHandler } from './fetches/collect-top-clips.handler.js';
import { CollectFollowerTotalHandler } from './fetches/collect-follower-total.handler.js';
import { CollectGameMetadataHandler } from './fetches/collect-game-metadata.handler.js';
import { CollectSubscriberTotalHandler } from './fetches/collect-subscriber-total.handler.js';
import { CollectVideosHandler } from './fetches/collect-videos.handler.js';
import { SampleLiveStreamsHandler } from './fetches/sample-live-streams.handler.js';
import { BackfillJobs } from './backfill/backfill-jobs.js';
import { BackfillsController } from './http/backfills.controller.js';
import { CollectionController } from './http/collection.controller.js';
import { RequestCooldown } from './http/request-cooldown.js';
import { AdvisoryLocks } from './jobs/advisory-locks.js';
import { ChannelCollector } from './jobs/channel-collector.js';
import { CollectionJobs } from './jobs/collection-jobs.js';
import { ConnectedChannels } from './jobs/connected-channels.js';
import { JobLeases, leasesProvider } from './jobs/job-leases.js';
import { DailyCollectionSchedule } from './schedules/daily-collection.schedule.js';
import { JobTakeoverSchedule } from './schedules/job-takeover.schedule.js';
import { LivePollingSchedule } from './schedules/live-polling.schedule.js';

export const collectionControllers = [CollectionController, BackfillsController];

/** The commands, handlers and job machinery, without schedules or HTTP (the CLI and bench use these). */
export function collectionCoreProviders(config: AppConfig): Provider[] {
  return [
    { provide: COLLECTION_OPTIONS, useValue: collectionOptionsFrom(config) },
    ChannelStateStore,
    CollectChannelProfilesHandler,
    SampleLiveStreamsHandler,
    CollectFollowerTotalHandler,
    CollectSubscriberTotalHandler,
    CollectVideosHandler,
    CollectClipsHandler,
    CollectTopClipsHandler,
    CollectGameMetadataHandler,
    AdvisoryLocks,
    leasesProvider,
    JobLeases,
    ConnectedChannels,
    ChannelCollector,
    CollectionJobs,
    BackfillJobs,
  ];
}

export function collectionProviders(config: AppConfig): Provider[] {
  return [
    ...collectionCoreProviders(config),
    RequestCooldown,
    DailyCollectionSchedule,
    LivePollingSchedule,
    JobTakeoverSchedule,
  ];
}
