/**
 * The Twitch account link, on the write side: starts the authorization-code flow, completes it
 * (state checked, code exchanged, tokens stored encrypted, `TwitchAccountLinked` recorded),
 * disconnects (token revoked and deleted, `TwitchAccountUnlinked` recorded) and records a
 * channel's time zone. Decisions are taken from the account's own stream, `account-<userId>`.
 */
import { randomBytes } from 'node:crypto';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { accountStream, eventCatalogue, type EventType } from '@creatorsync/projections';
import type pg from 'pg';
import { PG_POOL } from '../database/create-pool.js';
import { LOGGER } from '../logging/logger.js';
import { HELIX_CLIENT } from '../twitch/helix-client.js';
import { EVENT_STORE } from '../event-store/event-store.port.js';
import { APP_CONFIG } from '../config/app-config.js';
import { systemClock, type Clock } from '../clock.js';
import { deterministicEventId } from '../collection/deterministic-event-id.js';
import type { AppConfig } from '../config/app-config.js';
import { StreamNotFoundError, WrongExpectedVersionError } from '../event-store/errors.js';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store/event-store.port.js';
import type { Logger } from '../logging/logger.js';
import { OAuthError } from '../twitch/errors.js';
import type { HelixClient } from '../twitch/helix-client.js';
import type { UserTokenProvider } from '../twitch/user-token-provider.js';
import { currentLinks, type AccountLink } from './account-links.js';
import type { TokenAuthorisation } from './encrypted-user-token-store.js';
import { sameBrowser } from './link-browser-cookie.js';
import { issueLinkState, verifyLinkState } from './link-state.js';
import { canonicalTimeZone } from './time-zone.js';
import { TWITCH_LINK_PARTS, type TwitchLinkParts } from './twitch-link-parts.js';
import { redeemLinkState } from './used-link-states.js';
import { must } from '../must.js';

/** What CreatorSync asks Twitch for: the subscriber summary and the follower list. */
export const LINK_SCOPES = ['channel:read:subscriptions', 'moderator:read:followers'];
const APPEND_ATTEMPTS = 5;

export type LinkFailure =
  | 'invalid_state'
  | 'expired_state'
  | 'other_browser'
  | 'state_used'
  | 'access_denied'
  | 'missing_code'
  | 'exchange_failed'
  | 'server_error';
export type LinkOutcome = { ok: true; broadcasterId: string; login: string } | { ok: false; reason: LinkFailure };

export interface Connection extends AccountLink {
  authorisation: TokenAuthorisation;
  needsReauth: boolean;
  reauthReason: string | null;
}

@Injectable()
export class TwitchLinkService {
  private readonly clock: Clock = systemClock;
  private readonly userTokens: UserTokenProvider;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(TWITCH_LINK_PARTS) private readonly parts: TwitchLinkParts,
  ) {
    if (!helix.userTokens) throw new Error('the Helix client needs a user token store for the Twitch link');
    this.userTokens = helix.userTokens;
  }

  /** From configuration only (see TwitchLinkParts.redirectUri), never from the request. */
  redirectUri(): string {
    return this.parts.redirectUri();
  }

  /**
   * Twitch's authorize URL, and the nonce the caller must hand the browser in the link cookie
   * (link-browser-cookie.ts). `force_verify`: Twitch asks every time, so a browser still signed in
   * to someone else's Twitch account shows whose channel is about to be linked.
   */
  startLink(userId: string): { authorizeUrl: string; nonce: string } {
    const nonce = randomBytes(16).toString('base64url');
    const state = issueLinkState(this.parts.stateKey, userId, this.clock.now().getTime(), nonce);
    const { url } = this.helix.oauth.authorizeUrl({
      redirectUri: this.redirectUri(),
      scopes: LINK_SCOPES,
      state,
      forceVerify: true,
    });
    return { authorizeUrl: url, nonce };
  }

  /** Where the browser goes when the flow ends: the dashboard, told how it went. */
  dashboardUrl(outcome: LinkOutcome): string {
    const query = outcome.ok
      ? new URLSearchParams({ twitch: 'connected', channel: outcome.login })
      : new URLSearchParams({ twitch: 'error', reason: outcome.reason });
    return `${this.config.dashboardOrigin?.replace(/\/$/, '') ?? ''}/?${query}`;
  }

  /** `browserNonce`: the nonce from the link cookie the browser brought, if any. */
  async completeLink(query: Record<string, unknown>, browserNonce: string | undefined): Promise<LinkOutcome> {
    const now = this.clock.now();
    const checked = verifyLinkState(this.parts.stateKey, query.state, now.getTime());
    if (!checked.ok) return { ok: false, reason: checked.reason };
    const { state } = checked;
    // Checked before redeeming: another browser must neither use the state nor spend it.
    if (!sameBrowser(state.nonce, browserNonce)) {
      this.logger.warn({ userId: state.userId }, 'Twitch link completed in a browser that did not start it: refused');
      return { ok: false, reason: 'other_browser' };
    }
    try {
      // Redeemed before anything else, so a denied or failed attempt cannot be replayed either.
      if (!(await redeemLinkState(this.pool, state, now))) return { ok: false, reason: 'state_used' };
      if (query.error !== undefined) {
        this.logger.info({ userId: state.userId, error: query.error }, 'Twitch authorisation not granted');
        return { ok: false, reason: 'access_denied' };
      }
      if (typeof query.code !== 'string' || query.code === '') return { ok: false, reason: 'missing_code' };
      let owner: { userId: string; login?: string; scopes: string[] };
      try {
        owner = await this.parts.tokenStore.linking(() =>
          this.userTokens.connect(query.code as string, this.redirectUri()),
        );
      } catch (error) {
        if (!(error instanceof OAuthError)) throw error;
        this.logger.warn(
          { userId: state.userId, status: error.status, err: error.message },
          'Twitch code exchange failed',
        );
        return { ok: false, reason: 'exchange_failed' };
      }
      const profile = await this.profile(owner.userId);
      const login = profile?.login ?? owner.login ?? owner.userId;
      await this.decideAndAppend(state.userId, () => [
        this.event(
          'TwitchAccountLinked',
          deterministicEventId('TwitchAccountLinked', state.userId, owner.userId, state.nonce),
          state.nonce,
          {
            userId: state.userId,
            broadcasterId: owner.userId,
            login,
            displayName: profile?.displayName ?? login,
            scopes: owner.scopes,
            linkedAt: now.toISOString(),
          },
        ),
      ]);
      this.logger.info(
        { userId: state.userId, broadcasterId: owner.userId, scopes: owner.scopes },
        'Twitch account linked',
      );
      return { ok: true, broadcasterId: owner.userId, login };
    } catch (error) {
      this.logger.error({ err: error, userId: state.userId }, 'completing a Twitch link failed');
      return { ok: false, reason: 'server_error' };
    }
  }

  async connections(userId: string): Promise<Connection[]> {
    const links = currentLinks(await this.readAccount(userId));
    const status = await this.parts.tokenStore.status(links.map((l) => l.broadcasterId));
    return links.map((link) => {
      const s = must(status.get(link.broadcasterId), 'status.get(link.broadcasterId)');
      return { ...link, authorisation: s.authorisation, needsReauth: s.authorisation !== 'ok', reauthReason: s.reason };
    });
  }

  async disconnect(userId: string, broadcasterId: string): Promise<void> {
    this.ownedLink(currentLinks(await this.readAccount(userId)), broadcasterId);
    // Tokens go first: a link left without tokens asks to reconnect; tokens left without a link would be kept for nobody.
    const accessToken = await this.parts.tokenStore.remove(broadcasterId);
    this.userTokens.forget(broadcasterId);
    if (accessToken) {
      await this.helix.oauth.revoke(accessToken).catch((error: unknown) => {
        this.logger.warn(
          { broadcasterId, err: (error as Error).message },
          'revoking the Twitch token failed; it was deleted here anyway',
        );
      });
    }
    const now = this.clock.now();
    await this.decideAndAppend(userId, (events, revision) => {
      if (!currentLinks(events).some((l) => l.broadcasterId === broadcasterId)) return []; // a concurrent disconnect won
      const correlationId = `unlink-${userId}-${broadcasterId}-${revision}`;
      return [
        this.event(
          'TwitchAccountUnlinked',
          deterministicEventId('TwitchAccountUnlinked', userId, broadcasterId, revision),
          correlationId,
          {
            userId,
            broadcasterId,
            unlinkedAt: now.toISOString(),
          },
        ),
      ];
    });
    this.logger.info({ userId, broadcasterId }, 'Twitch account unlinked');
  }

  async setTimeZone(
    userId: string,
    broadcasterId: string,
    requested: unknown,
  ): Promise<{ broadcasterId: string; timeZone: string }> {
    const timeZone = canonicalTimeZone(requested);
    if (!timeZone)
      throw new BadRequestException(
        `timeZone: ${JSON.stringify(requested)} is not an IANA time zone name such as "Europe/Berlin" or "UTC"`,
      );
    const now = this.clock.now();
    await this.decideAndAppend(userId, (events, revision) => {
      const link = this.ownedLink(currentLinks(events), broadcasterId);
      if (link.timeZone === timeZone) return [];
      return [
        this.event(
          'ChannelTimeZoneSet',
          deterministicEventId('ChannelTimeZoneSet', userId, broadcasterId, timeZone, revision),
          `time-zone-${userId}-${revision}`,
          {
            userId,
            broadcasterId,
            timeZone,
            setAt: now.toISOString(),
          },
        ),
      ];
    });
    return { broadcasterId, timeZone };
  }

  private ownedLink(links: AccountLink[], broadcasterId: string): AccountLink {
    const link = links.find((l) => l.broadcasterId === broadcasterId);
    if (!link) throw new NotFoundException(`Channel ${broadcasterId} not found among your connected Twitch accounts`);
    return link;
  }

  private async profile(broadcasterId: string): Promise<{ login: string; displayName: string } | undefined> {
    try {
      const [user] = await this.helix.getUsers({ ids: [broadcasterId] });
      return user ? { login: user.login, displayName: user.display_name } : undefined;
    } catch (error) {
      this.logger.warn(
        { broadcasterId, err: (error as Error).message },
        'could not fetch the Twitch profile; using the login',
      );
      return undefined;
    }
  }

  private async readAccount(userId: string): Promise<RecordedEvent[]> {
    try {
      return await this.eventStore.readStream(accountStream(userId));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /** Reads the account's stream, decides, appends expecting the revision read; re-reads if another write came first. */
  private async decideAndAppend(
    userId: string,
    decide: (events: RecordedEvent[], revision: string) => NewEvent[],
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const events = await this.readAccount(userId);
      const last = events[events.length - 1];
      const fresh = decide(events, last ? String(last.revision) : 'none');
      if (fresh.length === 0) return;
      try {
        await this.eventStore.append(accountStream(userId), fresh, {
          expectedRevision: last ? last.revision : 'no_stream',
        });
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= APPEND_ATTEMPTS) throw error;
      }
    }
  }

  private event(type: EventType, id: string, correlationId: string, data: unknown): NewEvent {
    return {
      id,
      type,
      data: eventCatalogue[type].schema.parse(data),
      metadata: {
        correlationId,
        source: 'manual',
        schemaVersion: eventCatalogue[type].version,
        fetchedAt: this.clock.now().toISOString(),
      },
    };
  }
}
