/**
 * What the system statistics read of the Helix client: its request counters and rate budget.
 * Declared here, by shape, because the read side never imports the Twitch box; the app wiring
 * hands in the HelixClient, which has exactly this method.
 */
/** Nest injection token for the HelixUsageSource (the app hands in its HelixClient). */
export const HELIX_USAGE = Symbol('HelixUsage');

export interface HelixUsageSource {
  requestStats(): {
    totalRequests: number;
    byEndpoint: Record<string, { requests: number; retries: number; rateLimited: number; failures: number }>;
    buckets: Record<
      string,
      {
        granted: number;
        waitedMs: number;
        rateLimited: number;
        limit: number | undefined;
        remaining: number | undefined;
      }
    >;
  };
}
