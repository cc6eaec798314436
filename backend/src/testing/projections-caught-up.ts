import { waitFor } from './wait-for.js';

/** Waits until the server at `url` reports every projection live with nothing left to process. */
export function projectionsCaughtUp(url: string): Promise<void> {
  return waitFor(
    async () => {
      const response = await fetch(`${url}/api/analytics/health`);
      if (!response.ok) return false;
      const health = (await response.json()) as { projections: Array<{ lagEvents: number; state: string }> };
      return health.projections.length > 0 && health.projections.every((p) => p.lagEvents === 0 && p.state === 'live');
    },
    'every projection to process the whole log',
    { pollMs: 100 },
  );
}
