/**
 * Takes over jobs whose worker died: every instance looks, every few seconds, for job leases that
 * expired (nobody renews them) and runs those jobs from where they stopped. The lease makes sure
 * only one instance does; a job's dead worker is replaced within its lease's time to live plus one
 * look (20 s + 10 s by default).
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER } from '../../logging/logger.js';
import { scheduleInterval, SchedulerRegistry } from '../../scheduling.js';
import type { Logger } from '../../logging/logger.js';
import { BackfillJobs } from '../backfill/backfill-jobs.js';
import { CollectionJobs } from '../jobs/collection-jobs.js';
import { JobLeases } from '../jobs/job-leases.js';

@Injectable()
export class JobTakeoverSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private cancelLooks: (() => void) | undefined;
  private looking: Promise<unknown> | undefined;

  constructor(
    private readonly leases: JobLeases,
    private readonly jobs: CollectionJobs,
    private readonly backfills: BackfillJobs,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.cancelLooks = scheduleInterval(
      this.scheduler,
      'job-takeover',
      this.leases.leases.timing.renewMs * 2,
      () => void this.takeOver(),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.cancelLooks?.();
    await this.looking;
  }

  /** Starts every orphaned job here (each only if its lease is still free); returns their ids. */
  async takeOver(): Promise<string[]> {
    if (this.looking || this.jobs.isStopping) return [];
    const look = this.lookOnce();
    this.looking = look;
    try {
      return await look;
    } finally {
      this.looking = undefined;
    }
  }

  private async lookOnce(): Promise<string[]> {
    try {
      const orphaned = await this.leases.orphaned();
      if (orphaned.length > 0) this.logger.info({ jobs: orphaned }, 'taking over jobs whose worker stopped');
      for (const jobId of orphaned) {
        // Backfill ids start with their kind (job-id.ts); they have their own runner.
        const run = jobId.startsWith('backfill-') ? this.backfills.run(jobId) : this.jobs.run(jobId);
        void run.catch(() => undefined);
      }
      return orphaned;
    } catch (err) {
      this.logger.warn({ err }, 'could not look for orphaned jobs; trying again shortly');
      return [];
    }
  }
}
