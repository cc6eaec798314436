/**
 * Read-your-writes: waits until the read model includes a collection job named by a consistency
 * token. The job must be finished in `analytics_jobs` (completed or failed, with the position of
 * its last event F), and each projection the query reads must have processed every event it
 * handles between the job's request and F. A projection's checkpoint only moves on events it
 * handles, so "checkpoint ≥ F" alone would wait forever for one that does not handle the job's
 * last event; instead the job's range of the log is read once per projection (through the
 * event-store port, so both adapters work) for the last event it handles there.
 *
 * Each poll is one cheap SQL on a pooled connection, released before sleeping; polls back off
 * from 10 ms to 200 ms. The wait is bounded by the caller's limit.
 */
import type { Projection } from '@creatorsync/projections';
import type pg from 'pg';
import type { ConsistencyToken } from './consistency-token.js';
import { EventStoreUnavailableError } from '../event-store/errors.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { comparePositions, parsePosition, type Position } from '../event-store/position.js';
import { must } from '../must.js';

export type Consistency = 'fresh' | 'timeout';

export class UnknownJobError extends Error {
  constructor(readonly jobId: string) {
    super(`The consistency token names job ${jobId}, which does not exist`);
    this.name = 'UnknownJobError';
  }
}

interface PollState {
  /** The job's row, when the jobs projection has one. */
  job?: { finished: boolean; finishedAt: Position | null };
  /** Active build checkpoints of the projections asked for (missing: no active build). */
  checkpoints: Map<string, Position | null>;
}

const JOBS_TABLE = 'analytics_jobs';
const FINISHED = ['completed', 'failed'];
const PAGE = 500;

export class ConsistencyWaiter {
  private readonly byName: Map<string, Projection>;
  private readonly jobsProjection: string | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly eventStore: EventStore,
    projections: readonly Projection[],
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.byName = new Map(projections.map((p) => [p.name, p]));
    this.jobsProjection = projections.find((p) => p.tables.some((t) => t.name === JOBS_TABLE))?.name;
  }

  async wait(token: ConsistencyToken, reads: readonly string[], timeoutMs: number): Promise<Consistency> {
    const deadline = Date.now() + timeoutMs;
    const watched = this.jobsProjection ? [...new Set([...reads, this.jobsProjection])] : [...reads];
    let required: Map<string, Position | null> | undefined;
    for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
      const state = await this.poll(token.jobId, watched);
      if (!state.job) this.checkJobExists(token, state);
      else if (state.job.finished) {
        required ??= await this.requiredPositions(
          token.requestedAt,
          state.job.finishedAt ?? token.requestedAt,
          reads,
        ).catch(
          // The log cannot say now what the job wrote: not known to be fresh, so the wait times out.
          (error: unknown) => {
            if (error instanceof EventStoreUnavailableError) return undefined;
            throw error;
          },
        );
        if (!required) return 'timeout';
        if (reads.every((name) => reached(state.checkpoints.get(name), must(required, 'required').get(name) ?? null)))
          return 'fresh';
      }
      const left = deadline - Date.now();
      if (left <= 0) return 'timeout';
      await this.sleep(Math.min(delay, left));
    }
  }

  /** When the jobs projection has passed the job's request and has no row for it, no such job exists. */
  private checkJobExists(token: ConsistencyToken, state: PollState): void {
    const jobsCheckpoint = this.jobsProjection ? state.checkpoints.get(this.jobsProjection) : undefined;
    if (jobsCheckpoint && comparePositions(jobsCheckpoint, token.requestedAt) >= 0)
      throw new UnknownJobError(token.jobId);
  }

  private async poll(jobId: string, names: string[]): Promise<PollState> {
    // The job's row rides along as an uncorrelated subquery (computed once): one round trip per poll.
    const job = this.jobsProjection
      ? `(SELECT json_build_object('status', status, 'finished', finished_position) FROM ${JOBS_TABLE} WHERE job_id = $2)`
      : 'NULL::json';
    const { rows } = await this.pool.query<{
      name: string;
      c: string | null;
      p: string | null;
      job: { status: string; finished: string | null } | null;
    }>(
      `SELECT name, checkpoint_commit::text AS c, checkpoint_prepare::text AS p, ${job} AS job
         FROM projection_builds WHERE active AND name = ANY($1)`,
      this.jobsProjection ? [names, jobId] : [names],
    );
    const checkpoints = new Map(
      rows.map((r) => [r.name, r.c === null ? null : { commit: BigInt(r.c), prepare: BigInt(must(r.p, 'r.p')) }]),
    );
    const row = rows[0]?.job;
    if (!row) return { checkpoints };
    return {
      checkpoints,
      job: { finished: FINISHED.includes(row.status), finishedAt: row.finished ? parsePosition(row.finished) : null },
    };
  }

  /** Per projection: the position of the last event it handles in [requestedAt, finished], or null when there is none. */
  private async requiredPositions(
    requestedAt: Position,
    finished: Position,
    reads: readonly string[],
  ): Promise<Map<string, Position | null>> {
    const required = new Map<string, Position | null>();
    for (const name of reads) {
      const projection = this.byName.get(name);
      if (!projection) {
        // Built by other code (a metric added beside this server): which events it handles is not
        // known here, so it must have passed the job's last event; else the wait times out.
        required.set(name, finished);
        continue;
      }
      const handles: string[] = [...projection.handles];
      let last: Position | null = null;
      let from: Position = requestedAt;
      for (;;) {
        const page = await this.eventStore.readAll({
          fromPosition: from,
          maxCount: PAGE,
          filter: { eventTypePrefixes: handles },
        });
        // The filter matches type prefixes: keep the types the projection handles exactly.
        const inRange = page.filter((e) => comparePositions(e.position, finished) <= 0 && handles.includes(e.type));
        if (inRange.length > 0) last = must(inRange[inRange.length - 1], 'inRange[inRange.length - 1]').position;
        if (
          page.length < PAGE ||
          comparePositions(must(page[page.length - 1], 'page[page.length - 1]').position, finished) > 0
        )
          break;
        // Forwards reads include the event at the start position: step past it.
        from = must(page[page.length - 1], 'page[page.length - 1]').position;
      }
      required.set(name, last);
    }
    return required;
  }
}

function reached(checkpoint: Position | null | undefined, required: Position | null): boolean {
  if (required === null) return true;
  return checkpoint != null && comparePositions(checkpoint, required) >= 0;
}
