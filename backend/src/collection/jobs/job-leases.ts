/**
 * A collection job's lease (`job:<jobId>` in the `leases` table): the worker running the job holds
 * and renews it, so a job runs on one instance at a time. The row lives from the request to the
 * job's end; an expired row is a job whose worker died (or hangs), which any instance takes over
 * (schedules/job-takeover.schedule.ts). Deterministic event ids make the fetches the dead worker
 * had made record nothing twice.
 */
import { Inject, Injectable, type Provider } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../../database/create-pool.js';
import { Leases, type HeldLease } from '../../database/leases.js';
import { LOGGER, type Logger } from '../../logging/logger.js';
import { SchedulerRegistry } from '../../scheduling.js';

const PREFIX = 'job:';

/** One Leases (one holder id) per process, shared by the jobs and the schedules. */
export const leasesProvider: Provider = {
  provide: Leases,
  useFactory: (pool: pg.Pool, logger: Logger, scheduler: SchedulerRegistry) =>
    new Leases(pool, logger, undefined, scheduler),
  inject: [PG_POOL, LOGGER, SchedulerRegistry],
};

@Injectable()
export class JobLeases {
  constructor(@Inject(Leases) readonly leases: Leases) {}

  /** The job's lease, or null while another worker holds it. */
  take(jobId: string): Promise<HeldLease | null> {
    return this.leases.tryTake(PREFIX + jobId);
  }

  /**
   * The job's lease, waiting while another worker holds it: until that worker ends the job
   * (`gaveUp` says so, null), or its lease expires because it died (taken here). Used when resuming
   * at start, where the lease of the process that died before is still running out.
   */
  async takeWhenFree(jobId: string, gaveUp: () => Promise<boolean>): Promise<HeldLease | null> {
    for (;;) {
      const lease = await this.take(jobId);
      if (lease) return lease;
      if (await gaveUp()) return null;
      await new Promise((resolve) => setTimeout(resolve, this.leases.timing.renewMs));
    }
  }

  /** Marks a job just requested as this process's to run (taken over by others if it dies first). */
  reserve(jobId: string): Promise<void> {
    return this.leases.reserve(PREFIX + jobId);
  }

  /** Jobs whose lease expired: requested or running, and nobody renews them. */
  async orphaned(): Promise<string[]> {
    return (await this.leases.expired(PREFIX)).map((name) => name.slice(PREFIX.length));
  }
}
