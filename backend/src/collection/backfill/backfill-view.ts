/**
 * What the admin API and the CLI show of a backfill: status, range, per channel and kind the pages,
 * requests and events written so far, and an ETA. Recorded progress comes from the job's stream;
 * a job running in this process adds its live counters (pages walked since the last recorded step).
 */
import { backfillKinds, type BackfillKind } from '@creatorsync/projections';
import {
  progressKey,
  remainingBackfillChannels,
  statusOf,
  type BackfillState,
  type BackfillStatus,
} from './backfill-state.js';
import type { WalkStep } from './backfill-walks.js';
import { must } from '../../must.js';

export interface KindProgress {
  pages: number;
  requests: number;
  eventsWritten: number;
  remainingRequests: number | null;
  done: boolean;
  /** Where a resumed run starts (null: at the beginning, or done). */
  cursor: string | null;
}

export interface ChannelProgress {
  broadcasterId: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  error: string | null;
  kinds: Partial<Record<BackfillKind, KindProgress>>;
}

export interface BackfillView {
  jobId: string;
  status: BackfillStatus;
  from: string;
  to: string;
  kinds: BackfillKind[];
  dryRun: boolean;
  requestedBy: string | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  cancelledAt: string | null;
  pages: number;
  requests: number;
  eventsWritten: number;
  /** Requests the job still expects to make (estimated), and when it should be done at its pace. */
  remainingRequests: number;
  etaSeconds: number | null;
  channels: ChannelProgress[];
  /** A dry run's answer: the requests it would make and how long they would take at the current budget. */
  estimate: {
    totalRequests: number;
    estimatedSeconds: number;
    requestsPerMinute: number;
    byChannel: Array<{ broadcasterId: string; requests: Array<{ kind: string; endpoint: string; count: number }> }>;
  } | null;
}

export interface LiveCounters {
  startedAtMs: number;
  steps: Map<string, WalkStep & { requests: number; eventsWritten: number }>;
  skipped: number;
}

export function backfillViewOf(
  state: BackfillState,
  live: LiveCounters | undefined,
  now: Date,
  defaultRequestsPerMinute: number,
): BackfillView {
  const status = statusOf(state);
  const remaining = new Set(remainingBackfillChannels(state));
  const channels: ChannelProgress[] = state.broadcasterIds.map((broadcasterId) => {
    const kinds: ChannelProgress['kinds'] = {};
    for (const kind of state.request.kinds) {
      const key = progressKey(broadcasterId, kind);
      const recorded = state.progress.get(key);
      const current = live?.steps.get(key);
      const step = current && (!recorded || current.pages >= recorded.pages) ? current : recorded;
      if (!step) continue;
      kinds[kind] = {
        pages: step.pages,
        requests: step.requests,
        eventsWritten: step.eventsWritten,
        remainingRequests: step.remainingRequests,
        done: step.done,
        cursor: step.done ? null : step.cursor,
      };
    }
    const failed = state.failed.get(broadcasterId);
    return {
      broadcasterId,
      status:
        failed !== undefined
          ? 'failed'
          : !remaining.has(broadcasterId)
            ? 'done'
            : Object.keys(kinds).length
              ? 'running'
              : 'pending',
      error: failed ?? null,
      kinds,
    };
  });
  const all = channels.flatMap((c) => Object.values(c.kinds));
  const sum = (pick: (k: KindProgress) => number) => all.reduce((s, k) => s + pick(k), 0);
  // Kinds of channels not started yet: at least one request each (a follower walk learns its size on its first page).
  const notStarted = channels
    .filter((c) => c.status === 'pending' || c.status === 'running')
    .reduce((s, c) => s + backfillKinds.filter((k) => state.request.kinds.includes(k) && !c.kinds[k]).length, 0);
  const remainingRequests = sum((k) => (k.done ? 0 : (k.remainingRequests ?? 1))) + notStarted;
  const finished = status === 'completed' || status === 'failed' || status === 'cancelled';
  const requests = sum((k) => k.requests);
  const elapsedS = live ? (now.getTime() - live.startedAtMs) / 1000 : 0;
  const observedPerS = live && elapsedS >= 5 && requests >= 20 ? requests / elapsedS : 0;
  const perS = observedPerS > 0 ? observedPerS : defaultRequestsPerMinute / 60;
  const estimates = [...state.estimates.values()];
  return {
    jobId: state.jobId,
    status,
    from: state.request.from,
    to: state.request.to,
    kinds: state.request.kinds,
    dryRun: state.request.dryRun,
    requestedBy: state.requestedBy,
    requestedAt: state.requestedAt,
    startedAt: state.startedAt,
    finishedAt: state.finishedAt,
    cancelledAt: state.cancelled?.cancelledAt ?? null,
    pages: sum((k) => k.pages),
    requests: state.totals?.requests ?? requests,
    eventsWritten: state.totals?.eventsWritten ?? sum((k) => k.eventsWritten),
    remainingRequests: finished ? 0 : remainingRequests,
    etaSeconds: finished ? 0 : Math.round(remainingRequests / perS),
    channels,
    estimate:
      estimates.length === 0
        ? null
        : {
            totalRequests: estimates.reduce((s, e) => s + e.totalRequests, 0),
            estimatedSeconds: Math.round(estimates.reduce((s, e) => s + e.estimatedSeconds, 0) * 10) / 10,
            requestsPerMinute: must(estimates[0], 'estimates[0]').requestsPerMinute,
            byChannel: estimates.map((e) => ({ broadcasterId: e.broadcasterId, requests: e.requests })),
          },
  };
}
