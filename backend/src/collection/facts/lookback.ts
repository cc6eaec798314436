/**
 * How far back videos and clips are re-read at each collection (their view counts keep changing
 * for a while), and so how long the write side needs to remember what it recorded for them.
 */
export const DAY_MS = 86_400_000;

/** Videos of the last this-many days are re-read (Twitch keeps archives up to 60 days). */
export const VIDEO_LOOKBACK_DAYS = 60;

/**
 * Clips created in the last this-many days are re-read by the recent-clips check: a clip gets most
 * of its views in its first day or two. Its long tail (views that keep coming for weeks; the
 * simulator gives a quarter of them a 20-day half-life) is followed by the top-clips check.
 */
export const CLIP_LOOKBACK_DAYS = 3;
