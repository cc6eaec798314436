/**
 * The NestJS application: controllers, command and query handlers, and the global auth guard.
 * Infrastructure (database pool, event store, Helix client, clock, auth) is built outside Nest in
 * start-system.ts and handed in, so tests and the CLI can build the same parts without HTTP.
 */
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ScheduleModule } from '@nestjs/schedule';
import type pg from 'pg';
import { analyticsControllers, analyticsQueryHandlers, analyticsServices } from '../analytics/analytics-parts.js';
import { AUTH_MODE, AuthController, type AuthMode } from '../auth/auth.controller.js';
import { ADMIN_KEY, AuthGuard } from '../auth/auth.guard.js';
import { SessionVerifier } from '../auth/session-verifier.js';
import { ValidateTwitchTokensSchedule } from '../collection/schedules/validate-twitch-tokens.schedule.js';
import { collectionControllers, collectionProviders } from '../collection/collection.providers.js';
import { ProjectionOperationsController } from '../projector/http/projection-operations.controller.js';
import { ProjectionOperations } from '../projector/http/projection-operations.js';
import type { AppConfig } from '../config/app-config.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { httpLayerProviders } from '../http/http-layer.providers.js';
import type { Logger } from '../logging/logger.js';
import type { Projector } from '../projector/projector.js';
import type { Clock } from '../clock.js';
import type { HelixClient } from '../twitch/helix-client.js';
import { TwitchLinkController } from '../twitch-link/twitch-link.controller.js';
import { TWITCH_LINK_PARTS, type TwitchLinkParts } from '../twitch-link/twitch-link-parts.js';
import { TwitchLinkService } from '../twitch-link/twitch-link.service.js';
import { PROJECTOR } from '../projector/projector.js';
import { PG_POOL } from '../database/create-pool.js';
import { LOGGER } from '../logging/logger.js';
import { HELIX_CLIENT } from '../twitch/helix-client.js';
import { EVENT_STORE } from '../event-store/event-store.port.js';
import { CLOCK } from '../clock.js';
import { APP_CONFIG } from '../config/app-config.js';
import { HELIX_USAGE } from '../analytics/get-system-stats/helix-usage.js';

export interface SystemParts {
  config: AppConfig;
  pool: pg.Pool;
  eventStore: EventStore;
  helix: HelixClient;
  clock: Clock;
  logger: Logger;
  /** Absent with `--role api`: a `--role projector` process keeps the read tables current. */
  projector?: Projector;
  verifier: SessionVerifier;
  authMode: AuthMode;
  twitchLink: TwitchLinkParts;
}

@Module({})
export class AppModule {
  static forRoot(parts: SystemParts): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), ScheduleModule.forRoot()],
      controllers: [
        ...analyticsControllers,
        AuthController,
        TwitchLinkController,
        ...collectionControllers,
        ProjectionOperationsController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: parts.config },
        { provide: PG_POOL, useValue: parts.pool },
        { provide: EVENT_STORE, useValue: parts.eventStore },
        { provide: HELIX_CLIENT, useValue: parts.helix },
        { provide: HELIX_USAGE, useValue: parts.helix },
        { provide: CLOCK, useValue: parts.clock },
        { provide: LOGGER, useValue: parts.logger },
        { provide: PROJECTOR, useValue: parts.projector ?? null },
        { provide: SessionVerifier, useValue: parts.verifier },
        { provide: AUTH_MODE, useValue: parts.authMode },
        { provide: ADMIN_KEY, useValue: parts.config.adminKey },
        { provide: APP_GUARD, useClass: AuthGuard },
        ...httpLayerProviders,
        { provide: TWITCH_LINK_PARTS, useValue: parts.twitchLink },
        TwitchLinkService,
        ...collectionProviders(parts.config),
        ValidateTwitchTokensSchedule,
        ...analyticsServices,
        ProjectionOperations,
        ...analyticsQueryHandlers,
      ],
    };
  }
}
