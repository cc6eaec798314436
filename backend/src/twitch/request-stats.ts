/** Counts of what the client sent to Helix, for the collection jobs' reports and the benchmark. */
import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestScope {
  requests: number;
  parent: RequestScope | undefined;
}

const requestScopes = new AsyncLocalStorage<RequestScope>();

/**
 * Runs `work` and counts the Helix requests (retries included) it sent, also when other work
 * shares the client at the same time: the count follows the async calls made by `work`. Scopes
 * nest (a job's count includes its channels' counts).
 */
export async function countHelixRequests<T>(work: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const scope: RequestScope = { requests: 0, parent: requestScopes.getStore() };
  const result = await requestScopes.run(scope, work);
  return { result, requests: scope.requests };
}

/** The requests counted so far in the current scope (0 outside any scope). */
export function helixRequestsSoFar(): number {
  return requestScopes.getStore()?.requests ?? 0;
}

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
    for (let scope = requestScopes.getStore(); scope; scope = scope.parent) scope.requests += 1;
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
