/** Event store reachability and projection status, read the same way by health and system statistics. */
import { allProjections } from '@creatorsync/projections';
import type pg from 'pg';
import type { EventStore } from '../../event-store/event-store.port.js';
import { formatPosition } from '../../event-store/position.js';
import { projectionStatuses } from '../../projector/projection-status.js';
import { dto } from '../../dto.js';
import { EventStoreHealthDto } from '../get-analytics-health/get-analytics-health.response.js';
import { FollowingProcessDto, ProjectionStatusDto } from './projection-status.dto.js';

export async function eventStoreHealth(
  eventStore: EventStore,
  kind: EventStoreHealthDto['kind'],
): Promise<EventStoreHealthDto> {
  try {
    const position = await eventStore.headPosition();
    return dto(EventStoreHealthDto, { status: 'up', kind, head: position ? formatPosition(position) : null });
  } catch {
    return dto(EventStoreHealthDto, { status: 'down', kind, head: null });
  }
}

/** The builds readers use or will use (retired ones are history). */
export async function currentProjections(pool: pg.Pool, logInPostgres: boolean): Promise<ProjectionStatusDto[]> {
  const statuses = await projectionStatuses(pool, allProjections, { logInPostgres });
  return statuses
    .filter((p) => p.state !== 'retired')
    .map(
      ({
        name,
        buildId,
        version,
        state,
        active,
        codeFingerprint,
        followedBy,
        lastFollowedAt,
        conflicts,
        position,
        lagEvents,
        lagSeconds,
        error,
      }) =>
        dto(ProjectionStatusDto, {
          name,
          buildId,
          version,
          state,
          active,
          codeFingerprint,
          followedBy: followedBy.map(({ kind, host, pid }) => dto(FollowingProcessDto, { kind, host, pid })),
          lastFollowedAt,
          conflicts,
          position,
          lagEvents,
          lagSeconds,
          error,
        }),
    );
}
