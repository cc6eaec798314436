/**
 * The REST API's response shapes, as the backend's analytics controllers send them.
 * Keep these in step with backend/src/analytics: they are the dashboard's contract.
 */

export type AuthConfig = { mode: 'local' } | { mode: 'clerk'; publishableKey: string };

export interface LocalSignInResponse {
	token: string;
	/** ISO timestamp. */
	expiresAt: string;
}

export interface ChannelSummary {
	/** Twitch broadcaster id. */
	id: string;
	login: string;
	displayName: string;
	profileImageUrl: string | null;
}

export type Trend = 'up' | 'down' | 'flat';

export interface FollowerOverview {
	current: number;
	/** Null while there is not enough history for the window. */
	change7d: number | null;
	change30d: number | null;
	changePct7d: number | null;
	changePct30d: number | null;
	trend: Trend;
}

export interface OverviewResponse {
	channel: ChannelSummary;
	/** The day (YYYY-MM-DD, UTC) the numbers describe. */
	asOf: string;
	followers: FollowerOverview;
}

export interface FollowerGrowthPoint {
	/** YYYY-MM-DD, UTC. */
	day: string;
	followers: number;
	/** Followers gained that day (negative when the channel lost followers). */
	gained: number;
}

export interface ChartsResponse {
	channel: ChannelSummary;
	days: number;
	/** Ordered by day, oldest first; empty before the first collection. */
	followerGrowth: FollowerGrowthPoint[];
}
