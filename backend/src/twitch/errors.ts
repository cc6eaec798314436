/**
 * Every way a Helix or OAuth call can fail, as typed errors that name the endpoint, so the
 * collection jobs can record a failed fetch instead of crashing or storing half a result.
 */
export abstract class TwitchError extends Error {
  constructor(
    message: string,
    /** The Helix endpoint (e.g. "/streams") or OAuth operation (e.g. "oauth2/token") involved. */
    readonly endpoint: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export type HelixResponseProblem = 'malformed-body' | 'unexpected-shape' | 'rejected';

/** Helix answered, but not with something usable: not JSON, the wrong shape, or a 4xx refusal. */
export class HelixResponseError extends TwitchError {
  constructor(
    endpoint: string,
    readonly status: number,
    readonly reason: HelixResponseProblem,
    readonly detail: string,
  ) {
    super(`Helix ${endpoint} answered ${status} (${reason}): ${detail}`, endpoint);
  }
}

export type IncompleteListReason = 'cursor-loop' | 'no-progress' | 'page-limit';

/** A paged list could not be read to its end; nothing of it is returned. */
export class HelixIncompleteListError extends TwitchError {
  constructor(
    endpoint: string,
    readonly reason: IncompleteListReason,
    detail: string,
  ) {
    super(`Helix ${endpoint} list could not be read to its end (${reason}): ${detail}`, endpoint);
  }
}

/** A token was refused and could not be replaced (e.g. wrong client id, or refresh not possible). */
export class HelixAuthError extends TwitchError {
  constructor(
    endpoint: string,
    readonly status: number,
    detail: string,
  ) {
    super(`Twitch refused the credentials for ${endpoint} (${status}): ${detail}`, endpoint);
  }
}

/** The user's grant is gone (revoked, password change, or no tokens): they must connect again. */
export class TokenRevokedError extends HelixAuthError {
  readonly needsReauthorization = true;
  constructor(
    endpoint: string,
    readonly userId: string,
    readonly reason: string,
  ) {
    super(endpoint, 401, `user ${userId} needs to re-authorise: ${reason}`);
  }
}

/** Still rate limited after waiting for the bucket to refill the allowed number of times. */
export class HelixRateLimitError extends TwitchError {
  constructor(
    endpoint: string,
    readonly resetAt: Date | undefined,
    readonly attempts: number,
  ) {
    super(`Helix ${endpoint} kept answering 429 after ${attempts} attempts`, endpoint);
  }
}

/** 5xx answers or network failures (timeouts, resets) outlasted the retries. */
export class HelixUnavailableError extends TwitchError {
  constructor(
    endpoint: string,
    /** Last HTTP status, or the network error code (e.g. "ECONNABORTED"). */
    readonly lastFailure: number | string,
    readonly attempts: number,
  ) {
    super(`Helix ${endpoint} unavailable after ${attempts} attempts (last: ${lastFailure})`, endpoint);
  }
}

/** Twitch's OAuth server refused or failed an operation (token, refresh, revoke). */
export class OAuthError extends TwitchError {
  constructor(
    operation: string,
    readonly status: number | undefined,
    detail: string,
  ) {
    super(`OAuth ${operation} failed (${status ?? 'network'}): ${detail}`, operation);
  }

  /** 400/401 from the token endpoint mean the grant itself is bad, not that Twitch is down. */
  get grantRejected(): boolean {
    return this.status === 400 || this.status === 401 || this.status === 403;
  }
}
