/**
 * The REST API's response shapes, as the backend's analytics controllers send them.
 * Keep these in step with backend/src/analytics (the *.response.ts DTOs): they are the dashboard's contract.
 */

export type AuthConfig = { mode: 'local' } | { mode: 'clerk'; publishableKey: string };

export interface LocalSignInResponse {
  token: string;
  /** ISO timestamp. */
  expiresAt: string;
}

/** ChannelRefDto: the channel an answer describes. */
export interface ChannelSummary {
  /** Twitch broadcaster id. */
  id: string;
  login: string;
  displayName: string;
  profileImageUrl: string | null;
}

export type Trend = 'up' | 'down' | 'flat';

/** LevelMetricDto: a total at a point in time and how it moved over 7 and 30 days. */
export interface LevelMetric {
  /** Null before the first collection (or, for subscribers, when they cannot be read). */
  current: number | null;
  /** Null while there is not enough history for the window. */
  change7d: number | null;
  change30d: number | null;
  changePct7d: number | null;
  changePct30d: number | null;
  trend: Trend;
}

/** PeriodMetricDto: a flow over the last `periodDays` days against the period before. */
export interface PeriodMetric {
  current: number | null;
  previous: number | null;
  change: number | null;
  /** Percent of previous; null when previous is 0 or unknown. */
  changePct: number | null;
  trend: Trend;
}

export interface OverviewResponse {
  channel: ChannelSummary;
  /** The last day with data (YYYY-MM-DD, UTC); null before the first collection. */
  asOf: string | null;
  periodDays: number;
  followers: LevelMetric;
  subscribers: LevelMetric;
  /** Hours watched ÷ hours streamed. */
  averageViewers: PeriodMetric;
  hoursStreamed: PeriodMetric;
  streams: PeriodMetric;
}

export interface FollowerGrowthPoint {
  /** YYYY-MM-DD, UTC. */
  day: string;
  followers: number;
  /** Followers gained that day (negative when lost); null for the first day recorded. */
  gained: number | null;
}

export interface ViewershipPoint {
  day: string;
  /** Null when not live that day. */
  averageViewers: number | null;
  peakViewers: number | null;
  hoursStreamed: number;
  hoursWatched: number;
  streams: number;
}

export interface StreamFrequencyPoint {
  /** Monday of the ISO week (UTC). */
  weekStart: string;
  streams: number;
  hoursStreamed: number;
}

export interface TopGamePoint {
  gameId: string;
  gameName: string | null;
  hoursWatched: number;
  hoursStreamed: number;
  averageViewers: number | null;
}

export interface VideoPerformancePoint {
  id: string;
  /** archive | highlight | upload */
  kind: string;
  title: string | null;
  createdAt: string;
  views: number;
  viewsGained7d: number | null;
}

export interface ChartsResponse {
  channel: ChannelSummary;
  days: number;
  from: string;
  to: string;
  /** Oldest first; only days with a follower total. */
  followerGrowth: FollowerGrowthPoint[];
  viewership: ViewershipPoint[];
  streamFrequency: StreamFrequencyPoint[];
  topGames: TopGamePoint[];
  videoPerformance: VideoPerformancePoint[];
}

export interface StreamCategory {
  id: string | null;
  name: string | null;
}

export interface StreamSession {
  id: string;
  startedAt: string;
  /** Null while live. */
  endedAt: string | null;
  durationHours: number;
  averageViewers: number;
  peakViewers: number;
  hoursWatched: number;
  followersGained: number | null;
  titles: string[];
  categories: StreamCategory[];
}

export interface DailyRow {
  day: string;
  followers: number | null;
  followersGained: number | null;
  subscribers: number | null;
  subscriberPoints: number | null;
  streams: number;
  hoursStreamed: number;
  hoursWatched: number;
  averageViewers: number | null;
  peakViewers: number | null;
  videosPublished: number;
  clipsPublished: number;
  carriedForward: boolean;
}

export interface PeriodSummary {
  followers: number | null;
  followersGained: number;
  subscribers: number | null;
  streams: number;
  hoursStreamed: number;
  hoursWatched: number;
  averageViewers: number | null;
  peakViewers: number | null;
  videosPublished: number;
  clipsPublished: number;
}

export interface StreamSessionPage {
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
  /** Newest first. */
  items: StreamSession[];
}

export interface DetailedResponse {
  channel: ChannelSummary;
  days: number;
  from: string;
  to: string;
  summary: PeriodSummary;
  daily: DailyRow[];
  streams: StreamSessionPage;
  videos: VideoPerformancePoint[];
  games: TopGamePoint[];
}

export type GainWindow = '1d' | '7d' | '30d';

export interface ContentItem {
  id: string;
  /** archive | highlight | upload | clip */
  kind: string;
  title: string | null;
  gameId: string | null;
  gameName: string | null;
  createdAt: string;
  views: number;
  /** Null until the window's history exists. */
  viewsGained: number | null;
}

export interface ContentType {
  kind: string;
  count: number;
  totalViews: number;
  totalViewsGained: number;
  topByViews: ContentItem[];
  topByViewsGained: ContentItem[];
}

export interface GamePerformance {
  gameId: string;
  gameName: string | null;
  streams: number;
  hoursStreamed: number;
  hoursWatched: number;
  averageViewers: number | null;
  peakViewers: number | null;
  followersGained: number;
  airtimeShare: number;
  clips: number;
  clipViews: number;
}

export interface ContentResponse {
  channel: ChannelSummary;
  window: GainWindow;
  types: ContentType[];
  games: GamePerformance[];
}

export interface BestTimeSlot {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** 0–23 in the channel's time zone. */
  hour: number;
  hoursStreamed: number;
  hoursWatched: number;
  averageViewers: number | null;
  followersGained: number;
}

export interface BestTimesResponse {
  channel: ChannelSummary;
  timeZone: string;
  /** All 168 slots, Monday 0:00 first. */
  slots: BestTimeSlot[];
  bestByAverageViewers: BestTimeSlot[];
  bestByFollowersGained: BestTimeSlot[];
  minHours: number;
}

export type ChannelOutcome = 'collected' | 'failed' | 'pending' | 'not_collected';

export interface JobChannel {
  id: string;
  outcome: ChannelOutcome;
  error: string | null;
}

export interface JobCounts {
  channelsTotal: number;
  channelsOk: number;
  channelsFailed: number;
  requests: number;
  eventsWritten: number;
}

export interface Job {
  jobId: string;
  /** daily | trigger | refresh | admin_daily | backfill | live_poll */
  kind: string;
  /** requested | running | completed | failed */
  status: string;
  requestedByYou: boolean;
  /** 0–100. */
  progressPct: number;
  channels: JobChannel[];
  counts: JobCounts | null;
  error: string | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobsResponse {
  /** Newest first. */
  jobs: Job[];
}

/** POST /api/analytics/refresh (and trigger): 202 at once, the job runs in the background. */
export interface JobAccepted {
  jobId: string;
  consistencyToken: string;
  kind: string;
  channels: string[];
  status: 'requested';
}

/** GET /api/twitch/connections: the user's linked Twitch accounts. */
export interface Connection {
  broadcasterId: string;
  login: string;
  displayName: string;
  needsReauth: boolean;
}

export interface ConnectionsResponse {
  connections: Connection[];
}

export type ExportDataset = 'daily' | 'streams' | 'videos' | 'games';

/** X-Consistency on a query that carried a consistency token. */
export type Consistency = 'fresh' | 'timeout';
