/**
 * The write side without HTTP or schedules: the collection commands and jobs in a Nest application
 * context, over infrastructure built by the caller. The CLI's `collect`, the collection benchmark
 * and the collection tests run jobs through it, the same code the server runs.
 */
import { Module, type DynamicModule, type INestApplicationContext, type NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ScheduleModule } from '@nestjs/schedule';
import type pg from 'pg';
import { PG_POOL } from '../database/create-pool.js';
import { LOGGER } from '../logging/logger.js';
import { HELIX_CLIENT } from '../twitch/helix-client.js';
import { EVENT_STORE } from '../event-store/event-store.port.js';
import { CLOCK } from '../clock.js';
import { APP_CONFIG } from '../config/app-config.js';
import type { Clock } from '../clock.js';
import type { AppConfig } from '../config/app-config.js';
import type { EventStore } from '../event-store/event-store.port.js';
import type { Logger } from '../logging/logger.js';
import type { HelixClient } from '../twitch/helix-client.js';
import { collectionCoreProviders } from './collection.providers.js';
import { BackfillJobs } from './backfill/backfill-jobs.js';
import { CollectionJobs } from './jobs/collection-jobs.js';
import { ConnectedChannels } from './jobs/connected-channels.js';

export interface CollectionParts {
  config: AppConfig;
  pool: pg.Pool;
  eventStore: EventStore;
  helix: HelixClient;
  clock: Clock;
  logger: Logger;
}

@Module({})
class CollectionContextModule {
  static forRoot(parts: CollectionParts): DynamicModule {
    return {
      module: CollectionContextModule,
      imports: [CqrsModule.forRoot(), ScheduleModule.forRoot()],
      providers: [
        { provide: APP_CONFIG, useValue: parts.config },
        { provide: PG_POOL, useValue: parts.pool },
        { provide: EVENT_STORE, useValue: parts.eventStore },
        { provide: HELIX_CLIENT, useValue: parts.helix },
        { provide: CLOCK, useValue: parts.clock },
        { provide: LOGGER, useValue: parts.logger },
        ...collectionCoreProviders(parts.config),
      ],
    };
  }
}

export interface CollectionContext {
  app: INestApplicationContext;
  jobs: CollectionJobs;
  backfills: BackfillJobs;
  connected: ConnectedChannels;
  /** Stops running jobs at their next batch (they resume later) and closes the context. */
  close(): Promise<void>;
}

export async function createCollectionContext(parts: CollectionParts): Promise<CollectionContext> {
  // Nest declares its options as a class but reads them as plain data: the one option set here, as data.
  const nestOptions: Pick<NestApplicationOptions, 'logger'> = { logger: false };
  const app = await NestFactory.createApplicationContext(CollectionContextModule.forRoot(parts), nestOptions);
  await app.init();
  return {
    app,
    jobs: app.get(CollectionJobs),
    backfills: app.get(BackfillJobs),
    connected: app.get(ConnectedChannels),
    close: () => app.close(),
  };
}
