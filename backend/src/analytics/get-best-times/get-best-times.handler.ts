import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../database/create-pool.js';
import { ChannelAccess } from '../channel-access.js';
import { readRows } from '../shared/read-rows.js';
import {
  bestByAverageViewers,
  bestByFollowersGained,
  MIN_HOURS_FOR_RECOMMENDATION,
  weekGrid,
} from './best-time-slots.js';
import { GetBestTimes } from './get-best-times.query.js';
import { BestTimesResponse, type BestTimeSlotDto } from './get-best-times.response.js';
import { dto } from '../../dto.js';

const SLOTS_SQL = `
  SELECT weekday, hour, hours_streamed AS "hoursStreamed", hours_watched AS "hoursWatched", avg_viewers AS "averageViewers",
         followers_gained AS "followersGained"
    FROM best_times WHERE channel_id = $1`;

@QueryHandler(GetBestTimes)
export class GetBestTimesHandler implements IQueryHandler<GetBestTimes> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly channels: ChannelAccess,
  ) {}

  async execute(query: GetBestTimes): Promise<BestTimesResponse> {
    const channel = await this.channels.resolve(query.userId, query.channelId);
    const [rows, zone] = await Promise.all([
      readRows<BestTimeSlotDto>(this.pool, SLOTS_SQL, [channel.id]),
      readRows<{ time_zone: string }>(this.pool, `SELECT time_zone FROM best_times_state WHERE channel_id = $1`, [
        channel.id,
      ]),
    ]);
    const slots = weekGrid(rows);
    return dto(BestTimesResponse, {
      channel,
      timeZone: zone[0]?.time_zone ?? 'UTC',
      slots,
      bestByAverageViewers: bestByAverageViewers(slots),
      bestByFollowersGained: bestByFollowersGained(slots),
      minHours: MIN_HOURS_FOR_RECOMMENDATION,
    });
  }
}
