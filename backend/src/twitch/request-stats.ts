/** Counts of what the client sent to Helix, for the collection jobs' reports and the benchmark. */
export interface EndpointStats {
  /** HTTP requests sent, retries included (each one costs a rate-limit point). */
  requests: number;
  retries: number;
  rateLimited: number;
  failures: number;
}

export class HelixRequestStats {
  private readonly endpoints = new Map<string, EndpointStats>();

  private of(endpoint: string): EndpointStats {
    let stats = this.endpoints.get(endpoint);
    if (!stats) {
      stats = { requests: 0, retries: 0, rateLimited: 0, failures: 0 };
      this.endpoints.set(endpoint, stats);
    }
    return stats;
  }

  requestSent(endpoint: string): void {
    this.of(endpoint).requests += 1;
  }

  retried(endpoint: string): void {
    this.of(endpoint).retries += 1;
  }

  rateLimited(endpoint: string): void {
    this.of(endpoint).rateLimited += 1;
  }

  failed(endpoint: string): void {
    this.of(endpoint).failures += 1;
  }

  byEndpoint(): Record<string, EndpointStats> {
    return Object.fromEntries([...this.endpoints].map(([endpoint, stats]) => [endpoint, { ...stats }]));
  }

  totalRequests(): number {
    return [...this.endpoints.values()].reduce((sum, s) => sum + s.requests, 0);
  }

  reset(): void {
    this.endpoints.clear();
  }
}
