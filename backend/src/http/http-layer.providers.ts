/**
 * The cross-cutting HTTP layer of the query side, as Nest providers for the app module. Global
 * guards run in the order listed (after the auth guard, listed before these in the module): the rate
 * limit keys on the verified user, and only admitted callers reach the read-model guard
 * (read-your-writes and ETags).
 */
import type { Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { allProjections } from '@creatorsync/projections';
import type pg from 'pg';
import { PG_POOL } from '../database/create-pool.js';
import { EVENT_STORE } from '../event-store/event-store.port.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { ConsistencyWaiter } from './consistency-wait.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { ReadModelGuard } from './read-model.guard.js';
import { ReadModelVersions } from './read-model-version.js';
import { ChannelPositions } from './channel-positions.js';
import { ChannelPositionFeed } from './internal/channel-position-feed.js';
import { ChannelAccess } from '../analytics/channel-access.js';
import { LOGGER, type Logger } from '../logging/logger.js';

export const httpLayerProviders: Provider[] = [
  { provide: APP_GUARD, useClass: RateLimitGuard },
  {
    provide: ConsistencyWaiter,
    useFactory: (pool: pg.Pool, eventStore: EventStore) => new ConsistencyWaiter(pool, eventStore, allProjections),
    inject: [PG_POOL, EVENT_STORE],
  },
  { provide: ReadModelVersions, useFactory: (pool: pg.Pool) => new ReadModelVersions(pool), inject: [PG_POOL] },
  {
    provide: ChannelPositions,
    // The positions in memory, kept by the projector's notices over a LISTEN connection of its own.
    useFactory: (pool: pg.Pool, logger: Logger, channels: ChannelAccess) => {
      const feed = new ChannelPositionFeed(pool.options, logger);
      void feed.start();
      return new ChannelPositions(pool, { feed, channels });
    },
    inject: [PG_POOL, LOGGER, ChannelAccess],
  },
  { provide: APP_GUARD, useClass: ReadModelGuard },
];
