/**
 * Keeps asking a running server for some routes from a few concurrent clients until stopped, and
 * counts every answer: a failed request is a network error or any status other than 200 (and 304).
 * End-to-end tests use it to show that something (a rebuild, a restart of another process)
 * happens without a single failed API request.
 */
export interface HammerResult {
  requests: number;
  failures: string[];
}

export interface RequestHammer {
  /** Requests answered so far. */
  readonly requests: number;
  stop(): Promise<HammerResult>;
}

export function hammer(
  baseUrl: string,
  paths: readonly string[],
  options: { token?: string; clients?: number; pauseMs?: number } = {},
): RequestHammer {
  let stopped = false;
  const result: HammerResult = { requests: 0, failures: [] };
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const client = async (offset: number) => {
    for (let i = offset; !stopped; i++) {
      const path = paths[i % paths.length] ?? '/health';
      try {
        const response = await fetch(`${baseUrl}${path}`, { headers });
        const body = await response.text();
        if (response.status !== 200 && response.status !== 304)
          result.failures.push(`${path} → ${response.status}: ${body.slice(0, 300)}`);
      } catch (error) {
        result.failures.push(`${path} → ${(error as Error).message}`);
      }
      result.requests++;
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  };
  const clients = Array.from({ length: options.clients ?? 3 }, (_, i) => client(i));
  return {
    get requests() {
      return result.requests;
    },
    async stop() {
      stopped = true;
      await Promise.all(clients);
      return result;
    },
  };
}
