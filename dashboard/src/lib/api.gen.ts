/**
 * GENERATED from the backend's OpenAPI document by openapi-typescript: do not edit.
 * Regenerate with `npm run api-types -w dashboard`; the test dashboard/tests/api-types.drift.spec.ts
 * fails while this file and the API disagree.
 */
export type paths = {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Process and database health (no auth) */
    get: operations['HealthController_health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Analytics service health: event store reachable, projections and their lag, last successful collection (no auth) */
    get: operations['HealthController_analyticsHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/overview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Metric cards: followers, subscribers, average viewers, hours streamed, with their change and trend */
    get: operations['AnalyticsController_overview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/charts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Chart series for the last `days` days or the range `from`–`to`: follower growth (observed, and reconstructed by a backfill before it, marked apart), viewership, stream frequency, top games, videos */
    get: operations['AnalyticsController_charts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/detailed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Everything for the last `days` days or the range `from`–`to`: totals, daily rows, stream sessions (paged), videos, games */
    get: operations['AnalyticsController_detailed'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/stream-history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Past streams of the last `days` days or the range `from`–`to`, paged: observed ones, and those a backfill rebuilt from archives (marked reconstructed, viewers unknown); observed wins where both exist */
    get: operations['AnalyticsController_streamHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/growth': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Followers, subscribers and viewers per week, month, quarter or year, with absolute and relative change */
    get: operations['AnalyticsController_growth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/content': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Videos and clips ranked by views and by views gained, per type; per-game performance */
    get: operations['AnalyticsController_content'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your collection jobs (and scheduled jobs that included your channels) with status and progress */
    get: operations['AnalyticsController_jobs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/best-times': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Best time to stream: average viewers and followers gained per weekday × hour of the channel's time zone */
    get: operations['AnalyticsController_bestTimes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download a dataset (daily, streams with titles and categories, videos, games) as CSV or JSON */
    get: operations['ExportController_export'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/system': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** System-wide statistics: channels, events, projections and their lag, jobs by status, Helix budget used */
    get: operations['SystemController_system'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/demo-history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How far the first start's demo history is recorded (day N of DEMO_HISTORY_DAYS) */
    get: operations['DemoHistoryController_demoHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/metrics/{projection}/{table}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A projection table's rows for one of your channels (any table whose key starts with channel_id), paged, as JSON or CSV
     * @description Reads the active build of the projection, also one built beside this server by a newer version of the code. `npm run cli -- projections list` names the projections and their tables. The total over all pages is in `totalRows` (CSV: the `X-Total-Count` header).
     */
    get: operations['MetricsController_read'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/streams/{streamId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One stream: its viewer curve from the live samples, game and title changes, totals, clips and VOD */
    get: operations['StreamReportController_report'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/config': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How the dashboard signs in: local (embedded default) or Clerk */
    get: operations['AuthController_config'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/local/sign-in': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Local mode: a session token for a local user, with the admin role when asked for */
    post: operations['AuthController_localSignIn'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/twitch/connect': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Twitch's authorize URL for linking a channel (JSON), or a redirect to it with ?redirect=1 */
    get: operations['TwitchLinkController_connect'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/twitch/callback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Where Twitch sends the browser back; redirects to the dashboard with ?twitch=connected or ?twitch=error&reason=… */
    get: operations['TwitchLinkController_callback'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/twitch/connections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in user's linked Twitch accounts, and whether each needs re-authorisation */
    get: operations['TwitchLinkController_connections'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/twitch/connections/{broadcasterId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Disconnect a linked Twitch account: revokes and deletes its tokens */
    delete: operations['TwitchLinkController_disconnect'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/twitch/connections/{broadcasterId}/time-zone': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Set the time zone of a linked channel's hour-of-week metrics (an IANA name) */
    put: operations['TwitchLinkController_setTimeZone'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/trigger': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Collect the caller's channels now (profile, followers, subscribers, live status, videos, clips) */
    post: operations['CollectionController_trigger'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Re-fetch the caller's channel data (profile, live status, followers, subscribers) */
    post: operations['CollectionController_refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/analytics/daily': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Admin: run the daily collection for every connected channel now */
    post: operations['CollectionController_daily'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/backfills': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Admin: every backfill, newest first, with its progress and ETA */
    get: operations['BackfillsController_list'];
    put?: never;
    /** Admin: backfill channels' past from what Twitch still holds (followers, videos, clips) */
    post: operations['BackfillsController_start'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/backfills/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Admin: one backfill: status, pages, events written, requests, ETA, per channel and kind */
    get: operations['BackfillsController_get'];
    put?: never;
    post?: never;
    /** Admin: cancel a backfill (recorded as BackfillCancelled; what it recorded stays) */
    delete: operations['BackfillsController_cancel'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/projections/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Replay every projection from the event log into new builds (readers switch as each catches up) */
    post: operations['ProjectionOperationsController_replay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/projections/{name}/rebuild': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Rebuild one projection from the event log into a new build (readers switch when it has caught up) */
    post: operations['ProjectionOperationsController_rebuild'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/projections/operations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Rebuilds and replays started on any server instance, newest first, with progress */
    get: operations['ProjectionOperationsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/projections/operations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One rebuild or replay, with progress */
    get: operations['ProjectionOperationsController_one'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
};
export type webhooks = Record<string, never>;
export type components = {
  schemas: {
    EventStoreHealthDto: {
      /** @enum {string} */
      status: 'up' | 'down';
      /** @enum {string} */
      kind: 'postgres' | 'eventstoredb';
      /** @description Position of the newest event in the log */
      head: string | null;
    };
    FollowingProcessDto: {
      /**
       * @description server: npm start; projector: a process started with --role projector; cli: a rebuild
       * @enum {string}
       */
      kind: 'server' | 'projector' | 'cli';
      host: string;
      /** @description The process id on its host (with host, names the process) */
      pid: number;
    };
    ProjectionStatusDto: {
      name: string;
      /** @description Identifies this build: a rebuild makes a second build of the same name and version beside the one readers use */
      buildId: number;
      /** @description The projection's version (a new version is rebuilt from the log before it serves) */
      version: number;
      /**
       * @description not followed: building or live, but no running process follows it (see lastFollowedAt)
       * @enum {string}
       */
      state: 'building' | 'live' | 'failed' | 'not followed';
      /** @description True for the build readers use */
      active: boolean;
      /** @description Fingerprint of the code that computes the build; null for builds made before it was recorded */
      codeFingerprint: string | null;
      /** @description The running processes that follow this build */
      followedBy: components['schemas']['FollowingProcessDto'][];
      /** @description ISO time a process last followed this build */
      lastFollowedAt: string | null;
      /** @description Running processes that refuse to replace or follow this build (a newer version, or other code), and why */
      conflicts: string[];
      /** @description Checkpoint: log position of the last event processed */
      position: string | null;
      /** @description Events of handled types after the checkpoint; null when the log is not in PostgreSQL */
      lagEvents: number | null;
      /** @description Seconds between the newest event in the log and the last one this projection applied; null when unknown */
      lagSeconds: number | null;
      error: string | null;
    };
    LastCollectionDto: {
      /** @description Job kind: daily, trigger, refresh, … */
      kind: string;
      /** @description ISO timestamp the job completed */
      finishedAt: string;
    };
    AnalyticsHealthResponse: {
      /**
       * @description degraded: the event store is unreachable, a projection failed, or no process follows a build readers use
       * @enum {string}
       */
      status: 'ok' | 'degraded';
      eventStore: components['schemas']['EventStoreHealthDto'];
      projections: components['schemas']['ProjectionStatusDto'][];
      /** @description The most recent collection job that completed; null when none has */
      lastSuccessfulCollection: components['schemas']['LastCollectionDto'] | null;
    };
    ChannelRefDto: {
      /**
       * @description Twitch broadcaster id
       * @example 141981764
       */
      id: string;
      /** @example twitchdev */
      login: string;
      /** @example TwitchDev */
      displayName: string;
      profileImageUrl: string | null;
    };
    LevelMetricDto: {
      /** @description Latest known value (null before the first collection) */
      current: number | null;
      /** @description Change against the last value known 7 days before; null without that history */
      change7d: number | null;
      /** @description Change against the last value known 30 days before */
      change30d: number | null;
      /** @description change7d in percent of the earlier value, two decimals */
      changePct7d: number | null;
      /** @description change30d in percent of the value 30 days before, two decimals; null when that value is unknown or 0 */
      changePct30d: number | null;
      /**
       * @description Direction of change7d
       * @enum {string}
       */
      trend: 'up' | 'down' | 'flat';
    };
    SubscribersUnavailableDto: {
      /**
       * @description not-connected: the broadcaster has not connected their Twitch account (no token); no-scope: the connection lacks channel:read:subscriptions; revoked: the grant was withdrawn on Twitch
       * @enum {string}
       */
      reason: 'not-connected' | 'no-scope' | 'revoked';
      /** @description ISO timestamp: the first collection that found it unavailable for this reason */
      since: string;
    };
    SubscriberLevelDto: {
      /** @description Latest known value (null before the first collection) */
      current: number | null;
      /** @description Change against the last value known 7 days before; null without that history */
      change7d: number | null;
      /** @description Change against the last value known 30 days before */
      change30d: number | null;
      /** @description change7d in percent of the earlier value, two decimals */
      changePct7d: number | null;
      /** @description change30d in percent of the value 30 days before, two decimals; null when that value is unknown or 0 */
      changePct30d: number | null;
      /**
       * @description Direction of change7d
       * @enum {string}
       */
      trend: 'up' | 'down' | 'flat';
      /** @description Set when the last collection could not read subscriptions: the values above are then the last ones read (null if never), not current. Null when subscriptions were read, or were never tried. */
      unavailable: components['schemas']['SubscribersUnavailableDto'] | null;
    };
    PeriodMetricDto: {
      /** @description Value over the last `periodDays` days up to asOf */
      current: number | null;
      /** @description Value over the `periodDays` days before that */
      previous: number | null;
      /** @description current − previous, two decimals; null when either is unknown */
      change: number | null;
      /** @description change in percent of previous, two decimals; null when previous is 0 or unknown */
      changePct: number | null;
      /** @enum {string} */
      trend: 'up' | 'down' | 'flat';
    };
    OverviewResponse: {
      channel: components['schemas']['ChannelRefDto'];
      /** @description The last day with data (YYYY-MM-DD, UTC); null before the first collection */
      asOf: string | null;
      /**
       * @description Length of the compared periods for the flow metrics, in days
       * @example 30
       */
      periodDays: number;
      followers: components['schemas']['LevelMetricDto'];
      /** @description Subscriber count (Twitch subscriptions total); `unavailable` says why when it cannot be read */
      subscribers: components['schemas']['SubscriberLevelDto'];
      /** @description Hours watched ÷ hours streamed: the average audience while live */
      averageViewers: components['schemas']['PeriodMetricDto'];
      hoursStreamed: components['schemas']['PeriodMetricDto'];
      /** @description Streams started */
      streams: components['schemas']['PeriodMetricDto'];
    };
    FollowerGrowthPoint: {
      /** @example 2026-11-24 */
      day: string;
      /** @description Follower total of that UTC day (its last fetch, or carried forward); null before the first fetch */
      followers: number;
      /** @description Followers gained that day (negative when lost); null for the first day recorded */
      gained: number | null;
    };
    ReconstructedFollowersPoint: {
      /** @example 2026-09-14 */
      day: string;
      /** @description At least this many followers at the end of that UTC day: a backfill's reconstruction from the follower list (a lower bound), not an observed total */
      followers: number;
      /** @description Always true: a reconstructed figure, never mixed into followerGrowth */
      reconstructed: boolean;
    };
    ViewershipPoint: {
      /** @example 2026-11-24 */
      day: string;
      /** @description Hours watched ÷ hours streamed that day; null when not live */
      averageViewers: number | null;
      /** @description Highest concurrent viewers sampled that day; null when not live */
      peakViewers: number | null;
      /** @description Hours live that UTC day */
      hoursStreamed: number;
      /** @description Σ viewers × Δt between live samples that UTC day, in viewer-hours */
      hoursWatched: number;
      /** @description Streams started that UTC day */
      streams: number;
    };
    StreamFrequencyPoint: {
      /**
       * @description Monday of the week (ISO 8601 weeks, UTC)
       * @example 2026-11-23
       */
      weekStart: string;
      /** @description Streams started that week (within the window) */
      streams: number;
      /** @description Hours live in that week (airtime from stream start to last live sample) */
      hoursStreamed: number;
    };
    TopGamePoint: {
      gameId: string;
      gameName: string | null;
      /** @description Σ viewers × Δt in this game within the range, in viewer-hours */
      hoursWatched: number;
      /** @description Hours live in this game within the range */
      hoursStreamed: number;
      /** @description Hours watched ÷ hours streamed in this game within the range */
      averageViewers: number | null;
    };
    VideoPerformancePoint: {
      id: string;
      /** @description archive | highlight | upload */
      kind: string;
      title: string | null;
      /** @description ISO timestamp */
      createdAt: string;
      /** @description Twitch view count at the latest fetch */
      views: number;
      /** @description Views gained over the last 7 days; null until a week of history exists */
      viewsGained7d: number | null;
    };
    ChartsResponse: {
      channel: components['schemas']['ChannelRefDto'];
      /** @description Window length in days, both ends included */
      days: number;
      /** @description First day of the window (YYYY-MM-DD, UTC) */
      from: string;
      /** @description Last day of the window (YYYY-MM-DD, UTC): today, or the custom range's `to` */
      to: string;
      /** @description Oldest first; only days with an observed follower total */
      followerGrowth: components['schemas']['FollowerGrowthPoint'][];
      /** @description Oldest first: follower totals a backfill reconstructed for days in the window before the first observed total (observed wins: from then on only followerGrowth); empty without a backfill */
      followerGrowthReconstructed: components['schemas']['ReconstructedFollowersPoint'][];
      /** @description One point per recorded day, oldest first */
      viewership: components['schemas']['ViewershipPoint'][];
      /** @description Every week overlapping the window, oldest first (weeks without streams count 0) */
      streamFrequency: components['schemas']['StreamFrequencyPoint'][];
      /** @description Top 10 games by hours watched in streams that started in the window */
      topGames: components['schemas']['TopGamePoint'][];
      /** @description Videos (not clips) created in the window, newest first, at most 100 */
      videoPerformance: components['schemas']['VideoPerformancePoint'][];
    };
    PeriodSummaryDto: {
      /** @description Last known follower total in the window */
      followers: number | null;
      /** @description Sum of the days' follower gains */
      followersGained: number;
      /** @description Last known subscriber total in the window; null when subscriptions were never read */
      subscribers: number | null;
      /** @description Streams started in the window */
      streams: number;
      /** @description Hours live in the window (airtime from stream start to last live sample) */
      hoursStreamed: number;
      /** @description Σ viewers × Δt between live samples in the window, in viewer-hours */
      hoursWatched: number;
      /** @description Hours watched ÷ hours streamed */
      averageViewers: number | null;
      /** @description Highest viewer count sampled in the window; null without samples */
      peakViewers: number | null;
      /** @description Videos (archives, highlights, uploads) created in the window */
      videosPublished: number;
      /** @description Clips created in the window */
      clipsPublished: number;
    };
    DailyRowDto: {
      /** @example 2026-11-24 */
      day: string;
      /** @description Follower total: the day's last fetch (carried forward from the last fetch on a day without one); null before the first fetch */
      followers: number | null;
      /** @description Followers − the previous day's followers (can be negative); 0 on a carried-forward day; null on the first day */
      followersGained: number | null;
      /** @description Subscriber total at the day's last subscriptions fetch (carried forward); null when subscriptions were never read */
      subscribers: number | null;
      /** @description Subscriber points (Tier 1 = 1, Tier 2 = 2, Tier 3 = 6) at the day's last subscriptions fetch; null when never read */
      subscriberPoints: number | null;
      /** @description Streams that started that UTC day */
      streams: number;
      /** @description Hours live that UTC day: airtime from stream start to last live sample, cut at midnight UTC */
      hoursStreamed: number;
      /** @description Σ viewers × Δt between live samples that UTC day, in viewer-hours (the curve between samples is linear) */
      hoursWatched: number;
      /** @description Hours watched ÷ hours streamed that UTC day (time-weighted average audience); null on a day without airtime */
      averageViewers: number | null;
      /** @description Highest viewer count sampled that UTC day; null on a day without samples */
      peakViewers: number | null;
      /** @description Videos (archives, highlights, uploads) created that UTC day (counted when first seen) */
      videosPublished: number;
      /** @description Clips created that UTC day (counted when first seen) */
      clipsPublished: number;
      /** @description True when no collection ran that day and the last known totals were carried forward */
      carriedForward: boolean;
    };
    StreamCategoryDto: {
      /** @description Twitch game (category) id */
      id: string | null;
      name: string | null;
    };
    StreamSessionDto: {
      /** @description Twitch stream id */
      id: string;
      /** @description ISO timestamp */
      startedAt: string;
      /** @description ISO timestamp; null while live */
      endedAt: string | null;
      /** @description From Twitch's started_at to the last sample that saw it live (its end; while live, the latest sample), in hours */
      durationHours: number;
      /** @description Hours watched ÷ duration: the time-weighted average audience */
      averageViewers: number;
      /** @description Highest viewer count sampled during the stream */
      peakViewers: number;
      /** @description Σ viewers × Δt between live samples (linear between samples), in viewer-hours */
      hoursWatched: number;
      /** @description Last follower total observed during the stream − the last total known when its first sample was recorded (0 when observed unchanged); null when no total was observed during the stream */
      followersGained: number | null;
      /** @description Every title the stream had, in order */
      titles: string[];
      /** @description Every category (game) the stream was in, in order */
      categories: components['schemas']['StreamCategoryDto'][];
    };
    StreamSessionPage: {
      /** @description This page's number, from 1 */
      page: number;
      /** @description Sessions per page */
      pageSize: number;
      /** @description Sessions that started in the window */
      total: number;
      /** @description Pages in all (0 without sessions) */
      totalPages: number;
      /** @description Newest first */
      items: components['schemas']['StreamSessionDto'][];
    };
    DetailedResponse: {
      channel: components['schemas']['ChannelRefDto'];
      /** @description Length of the window in UTC days, both ends included */
      days: number;
      /** @description First day of the window (YYYY-MM-DD, UTC) */
      from: string;
      /** @description Last day of the window (YYYY-MM-DD, UTC): today, or the custom range's `to` */
      to: string;
      summary: components['schemas']['PeriodSummaryDto'];
      /** @description Oldest first */
      daily: components['schemas']['DailyRowDto'][];
      streams: components['schemas']['StreamSessionPage'];
      /** @description Videos (not clips) created in the window, newest first, at most 100 */
      videos: components['schemas']['VideoPerformancePoint'][];
      /** @description Top 10 games by hours watched in streams that started in the window */
      games: components['schemas']['TopGamePoint'][];
    };
    PastStreamDto: {
      /** @description Twitch stream id (a reconstructed stream: its archive's stream_id, else the video id) */
      id: string;
      /** @description ISO timestamp */
      startedAt: string;
      /** @description ISO timestamp; null while live */
      endedAt: string | null;
      /** @description Hours: observed, from Twitch's started_at to the last live sample; reconstructed, the archive's duration */
      durationHours: number;
      /** @description Time-weighted average audience; null for a reconstructed stream (unknown: nobody sampled it, not 0) */
      averageViewers: number | null;
      /** @description Highest viewer count sampled; null when reconstructed */
      peakViewers: number | null;
      /** @description Σ viewers × Δt between live samples, in viewer-hours; null for a reconstructed stream (unknown, not 0) */
      hoursWatched: number | null;
      /** @description Every title observed, in order; reconstructed: the archive's title */
      titles: string[];
      /** @description Every category (game) an observed stream was in, in order; empty when reconstructed (unknown) */
      categories: components['schemas']['StreamCategoryDto'][];
      /** @description True when rebuilt by a backfill from its archive (GET /videos, type archive), not observed by live polls. An observed stream wins where both exist */
      reconstructed: boolean;
      /** @description The archive (video id) a reconstructed stream comes from */
      videoId: string | null;
    };
    StreamHistoryResponse: {
      channel: components['schemas']['ChannelRefDto'];
      /** @description Days in the window, both ends included */
      days: number;
      /** @description First day of the window (YYYY-MM-DD, UTC) */
      from: string;
      /** @description Last day of the window (today unless a range names another) */
      to: string;
      /** @description Streams in the window that were observed */
      observed: number;
      /** @description Streams in the window known only from their archive (reconstructed) */
      reconstructed: number;
      /** @description This page, from 1 */
      page: number;
      /** @description Streams per page asked for (the last page may hold fewer) */
      pageSize: number;
      /** @description Streams in the window */
      total: number;
      /** @description Pages in the window (0 when it has no streams) */
      totalPages: number;
      /** @description Newest first */
      items: components['schemas']['PastStreamDto'][];
    };
    GrowthValueDto: {
      /** @description The metric for this period (see the field it belongs to); null when nothing was recorded in or before it */
      value: number | null;
      /** @description value − the previous period's value */
      change: number | null;
      /** @description change in percent of the previous period's value, two decimals */
      changePct: number | null;
    };
    GrowthPeriodDto: {
      /** @description First day of the period (YYYY-MM-DD, UTC) */
      start: string;
      /** @description Last day, inclusive: today for the period in progress */
      end: string;
      /** @description False for the period in progress */
      complete: boolean;
      /** @description Last known follower total at the end of the period */
      followers: components['schemas']['GrowthValueDto'];
      /** @description True when the follower total is reconstructed by a backfill (a lower bound from the current follower list), not observed: no observed total existed yet at the end of the period */
      followersReconstructed: boolean;
      /** @description Last known subscriber total at the end of the period */
      subscribers: components['schemas']['GrowthValueDto'];
      /** @description Hours watched ÷ hours streamed within the period (null when not live) */
      averageViewers: components['schemas']['GrowthValueDto'];
      /** @description Highest concurrent viewers within the period */
      peakViewers: number | null;
      /** @description Hours live within the period (airtime cut at UTC day boundaries) */
      hoursStreamed: number;
      /** @description Streams started within the period */
      streams: number;
    };
    GrowthResponse: {
      channel: components['schemas']['ChannelRefDto'];
      /** @enum {string} */
      period: 'week' | 'month' | 'quarter' | 'year';
      /** @description Oldest first; the last one is the period in progress */
      periods: components['schemas']['GrowthPeriodDto'][];
    };
    ContentItemDto: {
      id: string;
      /** @description archive | highlight | upload | clip */
      kind: string;
      title: string | null;
      gameId: string | null;
      gameName: string | null;
      /** @description ISO timestamp */
      createdAt: string;
      /** @description Twitch view count at the latest fetch */
      views: number;
      /** @description Views gained over the requested window as of today (UTC): views now (latest fetch; counts between fetches are taken as unchanged) minus the last count recorded on or before the UTC day `window` days before today. An item created after that gained all its views. One created before it but first seen after it has its start count interpolated linearly between its creation (0 views) and its first count (viewsGainedEstimated). Null when neither is known. */
      viewsGained: number | null;
      /** @description True when viewsGained rests on an interpolated start count (see viewsGained) */
      viewsGainedEstimated: boolean;
    };
    ContentTypeDto: {
      /** @description archive | highlight | upload | clip */
      kind: string;
      /** @description Items of this type */
      count: number;
      /** @description Sum of the items' view counts at their latest fetch */
      totalViews: number;
      /** @description Views gained over the window by all items of this type (items without history count 0) */
      totalViewsGained: number;
      /** @description Most viewed first */
      topByViews: components['schemas']['ContentItemDto'][];
      /** @description Most views gained in the window first (items without history last) */
      topByViewsGained: components['schemas']['ContentItemDto'][];
    };
    ClipGrowthDto: {
      /** @description Length of the period in days, up to today (UTC): 7, 30 or 90 */
      days: number;
      /** @description Views the clips gained over the period (sum of viewsGained; unknown ones count 0) */
      viewsGained: number;
      /** @description Clips that gained at least one view over the period */
      clipsGaining: number;
      /** @description Clips whose gain over the period is unknown (no count old enough, no first count) */
      clipsUnknown: number;
    };
    GamePerformanceDto: {
      gameId: string;
      gameName: string | null;
      /** @description Streams in which this game was played */
      streams: number;
      /** @description Hours live in this game (airtime between samples, a game change put half-way between two samples) */
      hoursStreamed: number;
      /** @description Σ viewers × Δt while in this game, in viewer-hours */
      hoursWatched: number;
      /** @description Hours watched ÷ hours streamed in this game; null when it has only clips */
      averageViewers: number | null;
      /** @description Highest viewer count sampled in this game; null when it has only clips */
      peakViewers: number | null;
      /** @description Follower change observed while streaming this game: a change between two follower observations during a stream is credited to the game of the next sample; 0 when none was observed */
      followersGained: number;
      /** @description Share of the channel's airtime in this game, 0–1 */
      airtimeShare: number;
      /** @description Clips in this game */
      clips: number;
      /** @description Views of the clips in this game */
      clipViews: number;
    };
    ContentResponse: {
      channel: components['schemas']['ChannelRefDto'];
      /** @enum {string} */
      window: '1d' | '7d' | '30d';
      /** @description One entry per type the channel has, ordered by type */
      types: components['schemas']['ContentTypeDto'][];
      /** @description Views gained by all clips over 7, 30 and 90 days */
      clipGrowth: components['schemas']['ClipGrowthDto'][];
      /** @description Every game streamed or clipped, most hours watched first */
      games: components['schemas']['GamePerformanceDto'][];
    };
    JobChannelDto: {
      /** @description One of your channels (broadcaster id) */
      id: string;
      /**
       * @description not_collected: the job failed as a whole before reporting this channel
       * @enum {string}
       */
      outcome: 'collected' | 'failed' | 'pending' | 'not_collected';
      /** @description Why collecting this channel failed */
      error: string | null;
    };
    JobCountsDto: {
      /** @description Channels the job covers */
      channelsTotal: number;
      /** @description Channels collected successfully in this job */
      channelsOk: number;
      /** @description Channels whose collection failed in this job */
      channelsFailed: number;
      /** @description Helix requests the job made */
      requests: number;
      /** @description Events appended to the log by this job (facts unchanged since the last fetch are not recorded) */
      eventsWritten: number;
    };
    JobDto: {
      jobId: string;
      /** @description daily | trigger | refresh | admin_daily | backfill | live_poll */
      kind: string;
      /** @description As recorded by the job: requested, running, completed, failed */
      status: string;
      /** @description True when you requested the job; false for scheduled or admin jobs that included your channels */
      requestedByYou: boolean;
      /** @description Channels of the whole job already processed, 0–100 (100 once finished) */
      progressPct: number;
      /** @description Your channels in the job and what happened to each */
      channels: components['schemas']['JobChannelDto'][];
      /** @description Whole-job counts: only for jobs you requested */
      counts: components['schemas']['JobCountsDto'] | null;
      /** @description Why the job failed: only for jobs you requested */
      error: string | null;
      /** @description ISO timestamp */
      requestedAt: string;
      startedAt: string | null;
      finishedAt: string | null;
    };
    JobsResponse: {
      /** @description Newest first */
      jobs: components['schemas']['JobDto'][];
    };
    BestTimeSlotDto: {
      /** @description ISO weekday: 1 = Monday … 7 = Sunday */
      weekday: number;
      /** @description Hour of the day in the channel's time zone, 0–23 */
      hour: number;
      /** @description Hours live in this weekday × hour slot of the channel's time zone, over all recorded streams (airtime between first and last live sample) */
      hoursStreamed: number;
      /** @description Viewer-hours */
      hoursWatched: number;
      /** @description Hours watched ÷ hours streamed in this slot; null when never live in it */
      averageViewers: number | null;
      /** @description Followers gained in this slot (fetches spread evenly over the time between them) */
      followersGained: number;
    };
    BestTimesResponse: {
      channel: components['schemas']['ChannelRefDto'];
      /**
       * @description IANA time zone the hours are in (UTC until the streamer sets one)
       * @example Europe/Berlin
       */
      timeZone: string;
      /** @description All 168 slots, Monday 0:00 first; slots without data are zeros */
      slots: components['schemas']['BestTimeSlotDto'][];
      /** @description Up to 5 slots with the most average viewers, among slots streamed at least `minHours` hours */
      bestByAverageViewers: components['schemas']['BestTimeSlotDto'][];
      /** @description Up to 5 slots with the most followers gained (only slots that gained any) */
      bestByFollowersGained: components['schemas']['BestTimeSlotDto'][];
      /** @description Hours streamed a slot needs before its average counts as a recommendation */
      minHours: number;
    };
    HelixEndpointUsageDto: {
      /** @description HTTP requests sent to this endpoint since the process started, retries included */
      requests: number;
      /** @description Retries (after 5xx or network errors) since the process started */
      retries: number;
      /** @description 429 answers from this endpoint since the process started */
      rateLimited: number;
      /** @description Requests to this endpoint that failed for good (after retries) since the process started */
      failures: number;
    };
    HelixBucketDto: {
      /** @description Requests the rate limiter let through */
      granted: number;
      /** @description Total time requests waited for budget */
      waitedMs: number;
      /** @description 429 answers this bucket received since the process started */
      rateLimited: number;
      /** @description Ratelimit-Limit last reported by Helix */
      limit: number | null;
      /** @description Ratelimit-Remaining last reported by Helix */
      remaining: number | null;
    };
    ChannelCountsDto: {
      /** @description Channels with a recorded profile */
      profiles: number;
      /** @description Channels linked to at least one account */
      linked: number;
      /** @description Accounts with at least one linked channel */
      accounts: number;
      /** @description Channels with daily analytics */
      withDailyData: number;
    };
    EventCountsDto: {
      /** @description Events in the log; null when the log is in EventStoreDB */
      total: number | null;
      /** @description Events per type */
      byType: {
        [key: string]: number;
      } | null;
      /** @description Position of the newest event */
      head: string | null;
    };
    HelixUsageDto: {
      /** @description Requests sent since the process started, retries included */
      totalRequests: number;
      byEndpoint: {
        [key: string]: components['schemas']['HelixEndpointUsageDto'];
      };
      /** @description Per rate-limit bucket: "app" or "user:<id>" */
      buckets: {
        [key: string]: components['schemas']['HelixBucketDto'];
      };
    };
    AdminJobDto: {
      jobId: string;
      /** @description daily, trigger, refresh, backfill, … */
      kind: string;
      /** @description Who asked for it; null for scheduled runs */
      requestedBy: string | null;
      /** @description requested, running, completed or failed */
      status: string;
      /** @description Channels the job covers */
      channelsTotal: number;
      /** @description Channels collected so far */
      channelsOk: number;
      /** @description Channels that failed so far */
      channelsFailed: number;
      /** @description Helix requests the job made so far */
      requests: number;
      /** @description Events the job appended to the log so far */
      eventsWritten: number;
      /** @description Why the job failed */
      error: string | null;
      requestedAt: string;
      startedAt: string | null;
      finishedAt: string | null;
    };
    HelixHourDto: {
      /** @description Start of the UTC hour (ISO 8601) */
      hour: string;
      /** @description Helix requests made by the jobs that started in this hour */
      requests: number;
      /** @description Jobs that started in this hour */
      jobs: number;
    };
    SystemStatsResponse: {
      channels: components['schemas']['ChannelCountsDto'];
      events: components['schemas']['EventCountsDto'];
      eventStore: components['schemas']['EventStoreHealthDto'];
      projections: components['schemas']['ProjectionStatusDto'][];
      /** @description Jobs per status */
      jobsByStatus: {
        [key: string]: number;
      };
      helix: components['schemas']['HelixUsageDto'];
      /** @description The newest collection runs of every user, newest first (at most 25) */
      recentJobs: components['schemas']['AdminJobDto'][];
      /** @description Helix requests per UTC hour over the last 48 hours, oldest first, quiet hours as 0 */
      helixRequestsByHour: components['schemas']['HelixHourDto'][];
    };
    DemoHistoryResponse: {
      /** @description true while the demo history is still being recorded (embedded default without Twitch credentials); false once every day is recorded, or when there is no demo */
      recording: boolean;
      /** @description The day being recorded (1-based) while recording; the number of days recorded otherwise (also after a failure). Counts the demo collection jobs that have ended. Unit: days */
      day: number;
      /** @description Days of demo history a first start records (DEMO_HISTORY_DAYS); 0 when there is no demo. Unit: days */
      days: number;
      /** @description Why the recording stopped before every day was recorded (then `recording` is false and `day` counts the days recorded); restarting the server records the remaining days. null while recording, once done, or without a demo */
      failed: string | null;
    };
    MetricColumnDto: {
      /** @example day */
      name: string;
      /**
       * @description The column's type as the projection declares it (text, integer, bigint, double, boolean, date, timestamptz, jsonb, text[]); dates are 'YYYY-MM-DD' and timestamps ISO 8601 in UTC
       * @example date
       */
      type: string;
    };
    MetricTableResponse: {
      channel: components['schemas']['ChannelRefDto'];
      /** @example best-times */
      projection: string;
      /**
       * @description The projection's version whose build serves these rows (the active build)
       * @example 1
       */
      version: number;
      /** @example best_times */
      table: string;
      /** @description The table's columns, in the table's order */
      columns: components['schemas']['MetricColumnDto'][];
      /**
       * @description The primary key; rows are ordered by it
       * @example [
       *       "channel_id",
       *       "day"
       *     ]
       */
      primaryKey: string[];
      /**
       * @description The day or time column `from` and `to` filter on; null when the table has none
       * @example day
       */
      timeColumn: string | null;
      /**
       * @description This page, from 1
       * @example 1
       */
      page: number;
      /**
       * @description Rows per page asked for (the last page may hold fewer)
       * @example 100
       */
      pageSize: number;
      /**
       * @description Rows of this channel (within `from`–`to` when given) over all pages
       * @example 168
       */
      totalRows: number;
      /** @description The rows, one object per row keyed by column name; numbers are as the projection computed them (their meaning is the projection's: see its file in projections/src), null where the projection left a value out */
      rows: {
        [key: string]: unknown;
      }[];
    };
    StreamSampleDto: {
      /** @description When the sample was fetched (ISO 8601) */
      at: string;
      /** @description Viewers Twitch reported at that moment */
      viewers: number;
      /** @description Twitch game (category) id; "" when the stream had none */
      gameId: string;
      gameName: string | null;
      /** @description The title at that moment */
      title: string | null;
    };
    StreamChangeDto: {
      /** @description The first sample that showed the change (ISO 8601) */
      at: string;
      /** @enum {string} */
      kind: 'game' | 'title';
      /** @description Game name (or id) or title before */
      from: string | null;
      /** @description Game name (or id) or title after */
      to: string | null;
    };
    GameSpanDto: {
      gameId: string;
      gameName: string | null;
      /** @description Start of the stretch in this game (the stream start, or the first sample in it) */
      from: string;
      /** @description End of the stretch (the next game's first sample, or the stream's end) */
      to: string;
    };
    StreamGameDto: {
      /** @description Twitch game (category) id; "" for no category */
      gameId: string;
      gameName: string | null;
      /** @description Hours live in this game during the stream */
      hoursStreamed: number;
      /** @description Viewer-hours in this game during the stream (area under the curve) */
      hoursWatched: number;
    };
    StreamClipDto: {
      id: string;
      title: string | null;
      /** @description When the clip was made (ISO 8601) */
      createdAt: string;
      /** @description Views of the clip at its last fetch */
      views: number;
    };
    StreamVodDto: {
      id: string;
      title: string | null;
      /** @description When Twitch created the archive (ISO 8601) */
      createdAt: string;
      /** @description Views of the VOD at its last fetch */
      views: number;
      /** @description Length of the VOD in seconds */
      durationSeconds: number | null;
    };
    StreamReportResponse: {
      channel: components['schemas']['ChannelRefDto'];
      stream: components['schemas']['StreamSessionDto'];
      /** @description True while the stream has not been seen ending */
      live: boolean;
      /** @description Every live sample, oldest first: the viewer curve */
      samples: components['schemas']['StreamSampleDto'][];
      /** @description Every game and title change, in time order */
      changes: components['schemas']['StreamChangeDto'][];
      /** @description The stream cut into stretches per game, in time order */
      gameSpans: components['schemas']['GameSpanDto'][];
      /** @description Time and viewer-hours per game, in the order the games appeared */
      games: components['schemas']['StreamGameDto'][];
      /** @description Clips made during the stream, most viewed first */
      clips: components['schemas']['StreamClipDto'][];
      /** @description The archive (VOD) Twitch made of the stream, if it has one: created within 10 minutes of its start */
      vod: components['schemas']['StreamVodDto'] | null;
    };
    AuthConfigResponse: {
      /**
       * @description local: the embedded default signs its own tokens
       * @enum {string}
       */
      mode: 'local' | 'clerk';
      /** @description Clerk's publishable key (clerk mode) */
      publishableKey?: string | null;
    };
    LocalSignInBody: {
      /**
       * @description A local user id: letters, digits, "_", "." and "-"
       * @example demo
       */
      userId: string;
      /**
       * @description Sign in with the admin role (local mode only: the embedded default runs on its owner's machine, and its owner administers it)
       * @default false
       */
      admin: boolean;
    };
    LocalSignInResponse: {
      /** @description Session token, sent as `Authorization: Bearer <token>` */
      token: string;
      /** @description When the token expires (ISO 8601) */
      expiresAt: string;
      /** @description Whether the token carries the admin role */
      admin: boolean;
    };
    AuthorizeUrlResponse: {
      /** @description Twitch's authorize URL; open it to link a channel */
      authorizeUrl: string;
    };
    ConnectionDto: {
      /** @description Twitch broadcaster id */
      broadcasterId: string;
      login: string;
      displayName: string;
      /** @description OAuth scopes granted */
      scopes: string[];
      /** @description When the channel was linked (ISO 8601) */
      linkedAt: string;
      /** @description IANA time zone of hour-of-week metrics; null: UTC */
      timeZone: string | null;
      /** @enum {string} */
      authorisation: 'ok' | 'needs_reauth' | 'missing' | 'unreadable';
      /** @description The channel must be connected again before it can be collected */
      needsReauth: boolean;
      reauthReason: string | null;
    };
    ConnectionsResponse: {
      connections: components['schemas']['ConnectionDto'][];
    };
    TimeZoneBody: {
      /**
       * @description An IANA time zone name
       * @example Europe/Berlin
       */
      timeZone: string;
    };
    JobAcceptedResponse: {
      jobId: string;
      /** @description Send as X-Consistency-Token: queries then wait until they include this job */
      consistencyToken: string;
      /** @enum {string} */
      kind: 'daily' | 'trigger' | 'refresh' | 'admin_daily' | 'backfill' | 'live_poll';
      /** @description Broadcaster ids the job collects */
      channels: string[];
      /** @enum {string} */
      status: 'requested';
    };
    StartBackfillDto: {
      /**
       * @description Twitch broadcaster ids of connected channels, or "all" for every connected channel
       * @example [
       *       "141981764"
       *     ]
       */
      channels: string[] | 'all';
      /**
       * @description First UTC day (YYYY-MM-DD)
       * @example 2025-01-01
       */
      from: string;
      /**
       * @description Last UTC day (YYYY-MM-DD), not in the future; at most 10 years after from
       * @example 2025-12-31
       */
      to: string;
      /** @description What to backfill (default: all three) */
      kinds?: ('followers' | 'videos' | 'clips')[];
      /**
       * @description Only estimate the requests and their time; fetch no list page
       * @default false
       */
      dryRun: boolean;
    };
    BackfillAcceptedDto: {
      /** @example backfill-20260210T200000Z-0a1b2c3d */
      jobId: string;
      /** @description The channels it backfills (all connected ones for "all") */
      channels: string[];
      dryRun: boolean;
      /** @enum {string} */
      status: 'requested';
    };
    KindProgressDto: {
      /** @description Helix pages read for this kind so far */
      pages: number;
      /** @description Helix requests made for this kind so far */
      requests: number;
      /** @description Events appended for this kind so far */
      eventsWritten: number;
      /** @description Requests still expected (an estimate) */
      remainingRequests: number | null;
      done: boolean;
      /** @description Where a resumed run starts */
      cursor: string | null;
    };
    BackfillKindsProgressDto: {
      followers?: components['schemas']['KindProgressDto'];
      videos?: components['schemas']['KindProgressDto'];
      clips?: components['schemas']['KindProgressDto'];
    };
    ChannelProgressDto: {
      broadcasterId: string;
      /** @enum {string} */
      status: 'pending' | 'running' | 'done' | 'failed';
      error: string | null;
      kinds: components['schemas']['BackfillKindsProgressDto'];
    };
    EstimatedRequestsDto: {
      /** @enum {string} */
      kind: 'followers' | 'videos' | 'clips';
      /** @example /channels/followers */
      endpoint: string;
      /** @description Helix requests estimated for this kind (one per page of 100) */
      count: number;
    };
    ChannelEstimateDto: {
      broadcasterId: string;
      requests: components['schemas']['EstimatedRequestsDto'][];
    };
    BackfillEstimateDto: {
      /** @description Helix requests the backfill is estimated to make in all (sum of estimatedRequests counts) */
      totalRequests: number;
      /** @description At the current budget (requestsPerMinute) */
      estimatedSeconds: number;
      /** @description Helix requests per minute the backfill may spend: 90% of the app bucket limit as Twitch last reported it (800 points a minute by default) */
      requestsPerMinute: number;
      byChannel: components['schemas']['ChannelEstimateDto'][];
    };
    BackfillViewDto: {
      jobId: string;
      /** @enum {string} */
      status: 'requested' | 'running' | 'completed' | 'failed' | 'cancelled';
      /** @example 2025-01-01 */
      from: string;
      /** @example 2025-12-31 */
      to: string;
      kinds: ('followers' | 'videos' | 'clips')[];
      dryRun: boolean;
      requestedBy: string | null;
      requestedAt: string;
      startedAt: string | null;
      finishedAt: string | null;
      cancelledAt: string | null;
      /** @description Helix pages read so far */
      pages: number;
      /** @description Helix requests made so far */
      requests: number;
      /** @description Events appended to the log by this backfill so far (nothing is recorded twice) */
      eventsWritten: number;
      /** @description Helix requests still expected before the backfill completes (estimate: a list whose size is not known yet counts as one request) */
      remainingRequests: number;
      /** @description Seconds until done at the job’s pace (0 when finished) */
      etaSeconds: number | null;
      channels: components['schemas']['ChannelProgressDto'][];
      /** @description A dry run’s answer */
      estimate: components['schemas']['BackfillEstimateDto'] | null;
    };
    BackfillListDto: {
      backfills: components['schemas']['BackfillViewDto'][];
    };
    ProjectionOperationDto: {
      /** @description Id to poll it by */
      id: string;
      /** @enum {string} */
      kind: 'rebuild' | 'replay';
      /** @description The projection rebuilt; null for a replay of every projection */
      projection: string | null;
      /**
       * @description failed also when the server process running it died (its error says so)
       * @enum {string}
       */
      status: 'running' | 'completed' | 'failed';
      /** @description Events applied to the new build(s) so far (a count of log events), as last reported by the server running it (every second) */
      eventsProcessed: number;
      /** @description Events of the handled types in the log when it started (a count; for a replay, summed over the projections); null with an EventStoreDB log, where it is not counted */
      total?: number | null;
      /** @description When it started (ISO 8601) */
      startedAt: string;
      /** @description When it ended (ISO 8601); null while running */
      finishedAt: string | null;
      /** @description Why it failed, in words (abandoned: the server running it stopped reporting); null otherwise */
      error: string | null;
    };
    ProjectionOperationListDto: {
      /** @description The newest operations first, started on any server instance */
      operations: components['schemas']['ProjectionOperationDto'][];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
  HealthController_health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  HealthController_analyticsHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnalyticsHealthResponse'];
        };
      };
    };
  };
  AnalyticsController_overview: {
    parameters: {
      query?: {
        /** @description Twitch broadcaster id of one of your channels; default: your primary channel */
        channel?: string;
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. Same as the header. */
        consistencyToken?: string;
      };
      header?: {
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. */
        'X-Consistency-Token'?: string;
        /** @description An ETag from an earlier answer: 304 Not Modified when the read model has not moved */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer */
      200: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverviewResponse'];
        };
      };
      /** @description Not modified since the ETag sent in `If-None-Match` */
      304: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A parameter or the consistency token is malformed (problem details say which) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The channel is not one of yours, or you have no channel linked yet */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Rate limit reached: retry after `Retry-After` seconds */
      429: {
        headers: {
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AnalyticsController_charts: {
    parameters: {
      query?: {
        /** @description Twitch broadcaster id of one of your channels; default: your primary channel */
        channel?: string;
        /** @description How many days back, today included, 1–730 (default 30). Give `days`, or `from` and `to` (a custom range, at most 730 days, not after today), not both */
        days?: number;
        /** @description First day of a custom range, inclusive (UTC) */
        from?: string;
        /** @description Last day of a custom range, inclusive (UTC); today at the latest */
        to?: string;
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. Same as the header. */
        consistencyToken?: string;
      };
      header?: {
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. */
        'X-Consistency-Token'?: string;
        /** @description An ETag from an earlier answer: 304 Not Modified when the read model has not moved */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer */
      200: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChartsResponse'];
        };
      };
      /** @description Not modified since the ETag sent in `If-None-Match` */
      304: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A parameter or the consistency token is malformed (problem details say which) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The channel is not one of yours, or you have no channel linked yet */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Rate limit reached: retry after `Retry-After` seconds */
      429: {
        headers: {
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AnalyticsController_detailed: {
    parameters: {
      query?: {
        /** @description Twitch broadcaster id of one of your channels; default: your primary channel */
        channel?: string;
        /** @description How many days back, today included, 1–730 (default 30). Give `days`, or `from` and `to` (a custom range, at most 730 days, not after today), not both */
        days?: number;
        /** @description First day of a custom range, inclusive (UTC) */
        from?: string;
        /** @description Last day of a custom range, inclusive (UTC); today at the latest */
        to?: string;
        /** @description Page of stream sessions, from 1 */
        page?: number;
        /** @description Stream sessions per page, 1–100 */
        pageSize?: number;
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. Same as the header. */
        consistencyToken?: string;
      };
      header?: {
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. */
        'X-Consistency-Token'?: string;
        /** @description An ETag from an earlier answer: 304 Not Modified when the read model has not moved */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer */
      200: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DetailedResponse'];
        };
      };
      /** @description Not modified since the ETag sent in `If-None-Match` */
      304: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A parameter or the consistency token is malformed (problem details say which) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The channel is not one of yours, or you have no channel linked yet */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Rate limit reached: retry after `Retry-After` seconds */
      429: {
        headers: {
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AnalyticsController_streamHistory: {
    parameters: {
      query?: {
        /** @description Twitch broadcaster id of one of your channels; default: your primary channel */
        channel?: string;
        /** @description How many days back, today included, 1–730 (default 90; Twitch keeps archives 7–60 days). Give `days`, or `from` and `to` (a custom range, at most 730 days, not after today), not both */
        days?: number;
        /** @description First day of a custom range, inclusive (UTC) */
        from?: string;
        /** @description Last day of a custom range, inclusive (UTC); today at the latest */
        to?: string;
        /** @description Page of streams, from 1 */
        page?: number;
        /** @description Streams per page, 1–100 */
        pageSize?: number;
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. Same as the header. */
        consistencyToken?: string;
      };
      header?: {
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. */
        'X-Consistency-Token'?: string;
        /** @description An ETag from an earlier answer: 304 Not Modified when the read model has not moved */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer */
      200: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StreamHistoryResponse'];
        };
      };
      /** @description Not modified since the ETag sent in `If-None-Match` */
      304: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A parameter or the consistency token is malformed (problem details say which) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The channel is not one of yours, or you have no channel linked yet */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Rate limit reached: retry after `Retry-After` seconds */
      429: {
        headers: {
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AnalyticsController_growth: {
    parameters: {
      query?: {
        /** @description Twitch broadcaster id of one of your channels; default: your primary channel */
        channel?: string;
        /** @description Calendar period to bucket by (weeks start on Monday, UTC) */
        period?: 'week' | 'month' | 'quarter' | 'year';
        /** @description How many periods, the current one included, 1–120 */
        periods?: number;
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. Same as the header. */
        consistencyToken?: string;
      };
      header?: {
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. */
        'X-Consistency-Token'?: string;
        /** @description An ETag from an earlier answer: 304 Not Modified when the read model has not moved */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer */
      200: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GrowthResponse'];
        };
      };
      /** @description Not modified since the ETag sent in `If-None-Match` */
      304: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A parameter or the consistency token is malformed (problem details say which) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The channel is not one of yours, or you have no channel linked yet */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Rate limit reached: retry after `Retry-After` seconds */
      429: {
        headers: {
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AnalyticsController_content: {
    parameters: {
      query?: {
        /** @description Twitch broadcaster id of one of your channels; default: your primary channel */
        channel?: string;
        /** @description Items per ranking, 1–100 */
        limit?: number;
        /** @description Window of the "views gained" ranking */
        window?: '1d' | '7d' | '30d';
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. Same as the header. */
        consistencyToken?: string;
      };
      header?: {
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. */
        'X-Consistency-Token'?: string;
        /** @description An ETag from an earlier answer: 304 Not Modified when the read model has not moved */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer */
      200: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ContentResponse'];
        };
      };
      /** @description Not modified since the ETag sent in `If-None-Match` */
      304: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A parameter or the consistency token is malformed (problem details say which) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The channel is not one of yours, or you have no channel linked yet */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Rate limit reached: retry after `Retry-After` seconds */
      429: {
        headers: {
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AnalyticsController_jobs: {
    parameters: {
      query?: {
        /** @description Only jobs that included this channel of yours; default: all your channels */
        channel?: string;
        /** @description Newest jobs first, 1–100 */
        limit?: number;
        /** @description Only this job (the jobId a trigger or refresh answered); an empty list while it is not in the read model yet, or when it is not yours */
        job?: string;
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. Same as the header. */
        consistencyToken?: string;
      };
      header?: {
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. */
        'X-Consistency-Token'?: string;
        /** @description An ETag from an earlier answer: 304 Not Modified when the read model has not moved */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer */
      200: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobsResponse'];
        };
      };
      /** @description Not modified since the ETag sent in `If-None-Match` */
      304: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A parameter or the consistency token is malformed (problem details say which) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The channel is not one of yours, or you have no channel linked yet */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Rate limit reached: retry after `Retry-After` seconds */
      429: {
        headers: {
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AnalyticsController_bestTimes: {
    parameters: {
      query?: {
        /** @description Twitch broadcaster id of one of your channels; default: your primary channel */
        channel?: string;
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. Same as the header. */
        consistencyToken?: string;
      };
      header?: {
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. */
        'X-Consistency-Token'?: string;
        /** @description An ETag from an earlier answer: 304 Not Modified when the read model has not moved */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer */
      200: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BestTimesResponse'];
        };
      };
      /** @description Not modified since the ETag sent in `If-None-Match` */
      304: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A parameter or the consistency token is malformed (problem details say which) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The channel is not one of yours, or you have no channel linked yet */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Rate limit reached: retry after `Retry-After` seconds */
      429: {
        headers: {
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ExportController_export: {
    parameters: {
      query: {
        /** @description Twitch broadcaster id of one of your channels; default: your primary channel */
        channel?: string;
        /** @description daily: one row per day; streams: sessions with titles and categories; videos: videos and clips; games: per-game totals */
        dataset: 'daily' | 'streams' | 'videos' | 'games';
        format?: 'csv' | 'json';
        /** @description daily and streams: how many days back, today included, 1–730 (default 365). Give `days`, or `from` and `to` (a custom range, at most 730 days, not after today), not both */
        days?: number;
        /** @description daily and streams: first day of a custom range, inclusive (UTC) */
        from?: string;
        /** @description daily and streams: last day of a custom range, inclusive (UTC); today at the latest */
        to?: string;
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. Same as the header. */
        consistencyToken?: string;
      };
      header?: {
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. */
        'X-Consistency-Token'?: string;
        /** @description An ETag from an earlier answer: 304 Not Modified when the read model has not moved */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /**
       * @description The file, as an attachment (Content-Disposition names it)
       *
       *     The answer
       */
      200: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not modified since the ETag sent in `If-None-Match` */
      304: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content?: never;
      };
      /**
       * @description Unknown dataset or format, days out of range, or a bad from–to range (not a day, from after to, in the future)
       *
       *     A parameter or the consistency token is malformed (problem details say which)
       */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The channel is not one of yours */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Rate limit reached: retry after `Retry-After` seconds */
      429: {
        headers: {
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SystemController_system: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SystemStatsResponse'];
        };
      };
      /** @description Not an admin */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DemoHistoryController_demoHistory: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DemoHistoryResponse'];
        };
      };
    };
  };
  MetricsController_read: {
    parameters: {
      query?: {
        /** @description Twitch broadcaster id of one of your channels; default: your primary channel */
        channel?: string;
        /** @description First day or time, inclusive, on the table's day or time column (`timeColumn` in the answer); only for tables that have one */
        from?: string;
        /** @description Last day or time, inclusive (a day includes all of it, in UTC); only for tables with a day or time column */
        to?: string;
        /** @description Page of rows, from 1, in primary-key order */
        page?: number;
        /** @description Rows per page, 1–1000 */
        pageSize?: number;
        /** @description json: the answer below; csv: the rows as an attachment */
        format?: 'csv' | 'json';
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. Same as the header. */
        consistencyToken?: string;
      };
      header?: {
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. */
        'X-Consistency-Token'?: string;
        /** @description An ETag from an earlier answer: 304 Not Modified when the read model has not moved */
        'If-None-Match'?: string;
      };
      path: {
        /** @description A projection name, e.g. best-times */
        projection: string;
        /** @description One of its tables, e.g. best_times */
        table: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /**
       * @description The answer
       *
       *     format=json: a page of rows; format=csv: the page as a CSV attachment
       */
      200: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MetricTableResponse'];
          'text/csv': components['schemas']['MetricTableResponse'];
        };
      };
      /** @description Not modified since the ETag sent in `If-None-Match` */
      304: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content?: never;
      };
      /**
       * @description A parameter is unknown or out of range, or from/to given for a table without a day or time column
       *
       *     A parameter or the consistency token is malformed (problem details say which)
       */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such projection or table, a table not per channel, or the channel is not one of yours */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Rate limit reached: retry after `Retry-After` seconds */
      429: {
        headers: {
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  StreamReportController_report: {
    parameters: {
      query?: {
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. Same as the header. */
        consistencyToken?: string;
      };
      header?: {
        /** @description Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`. */
        'X-Consistency-Token'?: string;
        /** @description An ETag from an earlier answer: 304 Not Modified when the read model has not moved */
        'If-None-Match'?: string;
      };
      path: {
        streamId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer */
      200: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StreamReportResponse'];
        };
      };
      /** @description Not modified since the ETag sent in `If-None-Match` */
      304: {
        headers: {
          /** @description Version of the answer, from the read model's position; send it back in `If-None-Match` */
          ETag?: string;
          /** @description `private, no-cache`: revalidate with `If-None-Match` before reusing */
          'Cache-Control'?: string;
          /** @description Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet) */
          'X-Consistency'?: 'fresh' | 'timeout';
          [name: string]: unknown;
        };
        content?: never;
      };
      /**
       * @description The stream id is not one (letters, digits, "_" and "-", at most 64)
       *
       *     A parameter or the consistency token is malformed (problem details say which)
       */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The stream is not one of your channels' streams */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Rate limit reached: retry after `Retry-After` seconds */
      429: {
        headers: {
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_config: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuthConfigResponse'];
        };
      };
    };
  };
  AuthController_localSignIn: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LocalSignInBody'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LocalSignInResponse'];
        };
      };
    };
  };
  TwitchLinkController_connect: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuthorizeUrlResponse'];
        };
      };
    };
  };
  TwitchLinkController_callback: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TwitchLinkController_connections: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionsResponse'];
        };
      };
    };
  };
  TwitchLinkController_disconnect: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        broadcasterId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TwitchLinkController_setTimeZone: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        broadcasterId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TimeZoneBody'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CollectionController_trigger: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Job requested; it runs in the background */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobAcceptedResponse'];
        };
      };
      /** @description Asked too recently; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CollectionController_refresh: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Job requested; it runs in the background */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobAcceptedResponse'];
        };
      };
      /** @description Asked too recently; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CollectionController_daily: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Job requested; it runs in the background */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobAcceptedResponse'];
        };
      };
      /** @description Asked too recently; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BackfillsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BackfillListDto'];
        };
      };
    };
  };
  BackfillsController_start: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StartBackfillDto'];
      };
    };
    responses: {
      /** @description Backfill job requested */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BackfillAcceptedDto'];
        };
      };
      /** @description Bad range (from after to, future, over 10 years), kinds or channels */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A backfill of the same channel and kind is running */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BackfillsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BackfillViewDto'];
        };
      };
      /** @description No such backfill */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BackfillsController_cancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The backfill, cancelled */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BackfillViewDto'];
        };
      };
      /** @description No such backfill */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The backfill has already finished */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProjectionOperationsController_replay: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectionOperationDto'];
        };
      };
      /** @description Another rebuild or replay is running (on any server instance) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProjectionOperationsController_rebuild: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectionOperationDto'];
        };
      };
      /** @description No projection of that name */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Another rebuild or replay is running (on any server instance) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProjectionOperationsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectionOperationListDto'];
        };
      };
    };
  };
  ProjectionOperationsController_one: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectionOperationDto'];
        };
      };
      /** @description No such operation (or one deleted as old) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
