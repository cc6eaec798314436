/**
 * The consistency token that links the write side's answer to the read side's wait
 * (read-your-writes). Trigger and refresh return it at once, before the job has run; it names the
 * job and the log position of the job's request. A query that carries it waits (bounded) until
 * the job is finished in `analytics_jobs` and every projection the query reads has passed the
 * job's last event (`analytics_jobs.finished_position`), then answers.
 *
 * Text form: `<jobId>.<commit>-<prepare>` (URL-safe, so it works as a header or query parameter).
 */
import { formatPosition, parsePosition, type Position } from '../event-store/position.js';

export interface ConsistencyToken {
  jobId: string;
  /** Position of the job's CollectionJobRequested event. */
  requestedAt: Position;
}

const JOB_ID = /^[A-Za-z0-9_-]{1,100}$/;

export class InvalidConsistencyTokenError extends Error {
  constructor(readonly text: string) {
    super(
      `"${text.slice(0, 120)}" is not a consistency token (expected "<jobId>.<commit>-<prepare>" as returned by trigger or refresh)`,
    );
    this.name = 'InvalidConsistencyTokenError';
  }
}

export function formatConsistencyToken(token: ConsistencyToken): string {
  if (!JOB_ID.test(token.jobId)) throw new Error(`job id "${token.jobId}" cannot be carried in a consistency token`);
  return `${token.jobId}.${formatPosition(token.requestedAt)}`;
}

export function parseConsistencyToken(text: string): ConsistencyToken {
  const dot = text.lastIndexOf('.');
  const jobId = text.slice(0, dot);
  if (dot < 1 || !JOB_ID.test(jobId)) throw new InvalidConsistencyTokenError(text);
  try {
    return { jobId, requestedAt: parsePosition(text.slice(dot + 1)) };
  } catch {
    throw new InvalidConsistencyTokenError(text);
  }
}
