/**
 * Twitch requires apps to validate their OAuth tokens at start and hourly, and to stop using a token
 * that is no longer valid. Users whose token died are marked for re-authorisation by the client.
 * The user tokens are shared by every instance, so one validates them: the holder of the
 * `validate-tokens` lease (another takes over if it dies).
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Leadership, Leases } from '../../database/leases.js';
import { LOGGER } from '../../logging/logger.js';
import { scheduleInterval, SchedulerRegistry } from '../../scheduling.js';
import { HELIX_CLIENT } from '../../twitch/helix-client.js';
import type { Logger } from '../../logging/logger.js';
import type { HelixClient } from '../../twitch/helix-client.js';

const HOUR_MS = 3_600_000;

@Injectable()
export class ValidateTwitchTokensSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly leadership: Leadership;
  private cancelHourly: (() => void) | undefined;

  constructor(
    leases: Leases,
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly scheduler: SchedulerRegistry,
  ) {
    this.leadership = new Leadership(leases, 'validate-tokens', logger);
  }

  onApplicationBootstrap(): void {
    // Not awaited: a slow or unreachable Twitch must not hold up the start.
    void this.leadership.begin().then(() => this.validate());
    this.cancelHourly = scheduleInterval(this.scheduler, 'validate-tokens', HOUR_MS, () => void this.validate());
  }

  async onApplicationShutdown(): Promise<void> {
    this.cancelHourly?.();
    await this.leadership.end();
  }

  async validate(): Promise<void> {
    if (!(await this.leadership.confirm())) return;
    try {
      const { appTokenValid, usersNeedingReauth } = await this.helix.validateTokens();
      this.logger.info({ appTokenValid, usersNeedingReauth: usersNeedingReauth.length }, 'Twitch tokens validated');
      if (usersNeedingReauth.length > 0)
        this.logger.warn({ users: usersNeedingReauth }, 'Twitch accounts need to be reconnected');
    } catch (err) {
      this.logger.warn({ err }, 'Twitch token validation failed; retrying within the hour');
    }
  }
}
