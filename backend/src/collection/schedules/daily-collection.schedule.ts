/**
 * The daily collection of every connected channel, on a cron schedule in UTC (DAILY_COLLECTION_CRON,
 * 02:00 by default). The job id is the day, so instances that fire together create one job.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CronJob } from 'cron';
import { LOGGER } from '../../logging/logger.js';
import { SchedulerRegistry } from '../../scheduling.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logging/logger.js';
import { COLLECTION_OPTIONS, type CollectionOptions } from '../collection-options.js';
import { CollectionJobs, JobAlreadyRequestedError } from '../jobs/collection-jobs.js';
import { ConnectedChannels } from '../jobs/connected-channels.js';
import { scheduledDailyJobId } from '../jobs/job-id.js';

const CRON_NAME = 'daily-collection';

@Injectable()
export class DailyCollectionSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private cron: CronJob | undefined;

  constructor(
    private readonly jobs: CollectionJobs,
    private readonly connected: ConnectedChannels,
    @Inject(COLLECTION_OPTIONS) private readonly options: CollectionOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.cron = CronJob.from({
      cronTime: this.options.dailyCron,
      timeZone: 'UTC',
      start: true,
      onTick: () => void this.runDaily(),
    });
    this.scheduler.addCronJob(CRON_NAME, this.cron);
    this.logger.info(
      { cron: this.options.dailyCron, next: this.cron.nextDate().toISO() },
      'daily collection scheduled (UTC)',
    );
  }

  onApplicationShutdown(): void {
    void this.cron?.stop();
    if (this.scheduler.doesExist('cron', CRON_NAME)) this.scheduler.deleteCronJob(CRON_NAME);
  }

  /** Requests and runs today's daily job; a second call on the same day (another instance) does nothing. */
  async runDaily(): Promise<string | null> {
    try {
      const channels = await this.connected.all();
      const jobId = scheduledDailyJobId(this.clock.now());
      const job = await this.jobs.start({
        kind: 'daily',
        requestedBy: null,
        broadcasterIds: channels.map((c) => c.broadcasterId),
        source: 'scheduled',
        jobId,
      });
      return job.jobId;
    } catch (error) {
      if (error instanceof JobAlreadyRequestedError) {
        this.logger.info({ jobId: error.jobId }, 'daily collection already requested (another instance)');
        return null;
      }
      this.logger.error({ err: error }, 'could not start the daily collection');
      return null;
    }
  }
}
