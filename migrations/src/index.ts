/**
 * Every schema change, in order. The backend runs them at start (TypeORM's migration runner,
 * one transaction each, under an advisory lock so several instances can start at once).
 * Read tables are created here as templates (schema `projection_templates`); the projector
 * copies a template into a fresh physical table for each projection build (blue/green).
 */
import { EventStore1764000000001 } from './1764000000001-event-store.js';
import { Projector1764000000002 } from './1764000000002-projector.js';
import { ChannelReadTables1764000000003 } from './1764000000003-channel-read-tables.js';
import { ContentReadTables1764000000004 } from './1764000000004-content-read-tables.js';
import { ProjectionStateTables1764000000005 } from './1764000000005-projection-state-tables.js';
import { BestTimes1764000000006 } from './1764000000006-best-times.js';
import { ReconstructedHistory1764000000026 } from './1764000000026-reconstructed-history.js';
import { SubscriberAccess1764000000020 } from './1764000000020-subscriber-access.js';
import { VideoFirstViews1764000000021 } from './1764000000021-video-first-views.js';
import { TwitchTokens1764000000010 } from './1764000000010-twitch-tokens.js';
import { ProjectionBuildPartitions1764000000011 } from './1764000000011-projection-build-partitions.js';
import { EventPayloadsAsJson1764000000030 } from './1764000000030-event-payloads-as-json.js';
import { EventIdsPerStream1764000000031 } from './1764000000031-event-ids-per-stream.js';
import { EventLogCommitOrder1764000000032 } from './1764000000032-event-log-commit-order.js';
import { EventLogAppendFunction1764000000040 } from './1764000000040-event-log-append-function.js';
import { StreamSamples1764000000060 } from './1764000000060-stream-samples.js';
import { ProjectionCodeIdentity1764000000017 } from './1764000000017-projection-code-identity.js';
import { SharedInstanceState1764000000045 } from './1764000000045-shared-instance-state.js';
import { ProjectionOperations1764000000070 } from './1764000000070-projection-operations.js';
import { ChannelReadPositions1764000000071 } from './1764000000071-channel-read-positions.js';
import { EventIdHashIndex1764000000080 } from './1764000000080-event-id-hash-index.js';

export const allMigrations = [
  EventStore1764000000001,
  Projector1764000000002,
  ChannelReadTables1764000000003,
  ContentReadTables1764000000004,
  ProjectionStateTables1764000000005,
  BestTimes1764000000006,
  TwitchTokens1764000000010,
  ProjectionBuildPartitions1764000000011,
  SubscriberAccess1764000000020,
  VideoFirstViews1764000000021,
  ReconstructedHistory1764000000026,
  EventPayloadsAsJson1764000000030,
  EventIdsPerStream1764000000031,
  EventLogCommitOrder1764000000032,
  EventLogAppendFunction1764000000040,
  ProjectionCodeIdentity1764000000017,
  SharedInstanceState1764000000045,
  StreamSamples1764000000060,
  ProjectionOperations1764000000070,
  ChannelReadPositions1764000000071,
  EventIdHashIndex1764000000080,
];
