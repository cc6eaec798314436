/**
 * Runs before every `@ReadsTables(...)` endpoint's validation and query:
 *  1. read-your-writes: with a consistency token, waits (bounded) until the read model includes
 *     the job, and says `X-Consistency: fresh | timeout`;
 *  2. HTTP caching: an ETag from the active builds of the projections read, the positions of the
 *     channels the query reads in them (channel-positions.ts), the version of the channel-access
 *     projections, the user and the normalised query; a matching `If-None-Match` is answered 304
 *     (NotModified, which the problem-details filter sends without a body) before the query runs.
 * A guard rather than an interceptor: Nest builds an rxjs chain for every request once any
 * interceptor is registered, which measurably cut the throughput of cheap queries (bench api).
 * Registered after the auth and rate-limit guards, so only authenticated, admitted callers wait.
 */
import {
  BadRequestException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CLOCK } from '../clock.js';
import { APP_CONFIG } from '../config/app-config.js';
import { InvalidConsistencyTokenError, parseConsistencyToken, type ConsistencyToken } from './consistency-token.js';
import type { AuthenticatedUser } from '../auth/session-verifier.js';
import type { Clock } from '../clock.js';
import type { AppConfig } from '../config/app-config.js';
import { CONSISTENCY_TOKEN_PARAM, consistencyTokenInput } from './consistency-token-param.js';
import { ConsistencyWaiter, UnknownJobError } from './consistency-wait.js';
import { ifNoneMatchMatches, readModelEtag } from './etag.js';
import { ReadModelVersions } from './read-model-version.js';
import { CHANNEL_ACCESS_PROJECTIONS, ChannelPositions } from './channel-positions.js';
import { READS_PATH_PROJECTION, READS_PROJECTIONS, type PathProjection } from './reads-tables.decorator.js';
import { must } from '../must.js';

/** 304: the client's copy is current. Not an error; the problem-details filter answers it with an empty body. */
export class NotModified extends HttpException {
  constructor() {
    super('Not Modified', HttpStatus.NOT_MODIFIED);
  }
}

@Injectable()
export class ReadModelGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly waiter: ConsistencyWaiter,
    private readonly versions: ReadModelVersions,
    private readonly positions: ChannelPositions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
    const input = consistencyTokenInput(request);
    const reads = readsOf(this.reflector, context, request);
    if (!reads) {
      // Only read-model endpoints take the token; elsewhere the parameter is as unknown as any other.
      if (input?.fromQuery) throw new BadRequestException(`unknown parameter "${CONSISTENCY_TOKEN_PARAM}"`);
      return true;
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();

    if (input) reply.header('X-Consistency', await this.waitFor(parseToken(input.values), reads));
    const userId = request.user?.userId ?? '';
    const query = request.query as Record<string, unknown>;
    // Both read before the query runs (a tag is never newer than its data); see channel-positions.ts.
    const [version, channelPositions] = await Promise.all([
      this.versions.read(
        reads.filter((name) => CHANNEL_ACCESS_PROJECTIONS.has(name)),
        { fresh: input !== undefined },
      ),
      this.positions.read(
        reads.filter((name) => !CHANNEL_ACCESS_PROJECTIONS.has(name)),
        userId,
        typeof query.channel === 'string' ? query.channel : undefined,
        { fresh: input !== undefined },
      ),
    ]);
    const etag = readModelEtag({
      readModelVersion: version,
      channelPositions,
      userId,
      path: pathOf(request.url),
      query,
      day: this.clock.now().toISOString().slice(0, 10),
    });
    // Errors drop the tag again (problem-details filter): only data may be revalidated.
    reply.header('ETag', etag);
    reply.header('Cache-Control', 'private, no-cache');
    if (ifNoneMatchMatches(request.headers['if-none-match'], etag)) throw new NotModified();
    return true;
  }

  private async waitFor(token: ConsistencyToken, reads: string[]) {
    try {
      return await this.waiter.wait(token, reads, this.config.consistencyWaitMs);
    } catch (error) {
      if (error instanceof UnknownJobError) throw new BadRequestException(error.message);
      throw error;
    }
  }
}

/** The projections the route reads: named by its decorator, or (metrics) by its path. */
function readsOf(reflector: Reflector, context: ExecutionContext, request: FastifyRequest): string[] | undefined {
  const named = reflector.get<string[] | undefined>(READS_PROJECTIONS, context.getHandler());
  if (named) return named;
  const fromPath = reflector.get<PathProjection | undefined>(READS_PATH_PROJECTION, context.getHandler());
  if (!fromPath) return undefined;
  const name = (request.params as Record<string, string | undefined>)[fromPath.param];
  return [...new Set([...(name ? [name] : []), ...fromPath.also])].sort();
}

const pathOf = (url: string) => {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
};

function parseToken(values: string[]): ConsistencyToken {
  if (values.length > 1)
    throw new BadRequestException(
      'Send one consistency token (X-Consistency-Token header or consistencyToken parameter), not several',
    );
  try {
    return parseConsistencyToken(must(values[0], 'values[0]'));
  } catch (error) {
    if (error instanceof InvalidConsistencyTokenError) throw new BadRequestException(error.message);
    throw error;
  }
}
