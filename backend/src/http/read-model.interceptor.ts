/**
 * Wraps every `@ReadsTables(...)` endpoint:
 *  1. read-your-writes: with a consistency token, waits (bounded) until the read model includes
 *     the job, and says `X-Consistency: fresh | timeout`;
 *  2. HTTP caching: an ETag from the read model's version for the projections read, the user and
 *     the normalised query; a matching `If-None-Match` is answered 304 before the query runs.
 * Runs after the guards (only authenticated callers wait) and before validation and the handler.
 */
import { BadRequestException, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { of, tap, type Observable } from 'rxjs';
import { APP_CONFIG, CLOCK } from '../app/tokens.js';
import { InvalidConsistencyTokenError, parseConsistencyToken, type ConsistencyToken } from '../app/consistency-token.js';
import type { AuthenticatedUser } from '../auth/session-verifier.js';
import type { Clock } from '../clock.js';
import type { AppConfig } from '../config/app-config.js';
import { CONSISTENCY_TOKEN_PARAM, consistencyTokenInput } from './consistency-token-param.js';
import { ConsistencyWaiter, UnknownJobError } from './consistency-wait.js';
import { ifNoneMatchMatches, readModelEtag } from './etag.js';
import { ReadModelVersions } from './read-model-version.js';
import { READS_PROJECTIONS } from './reads-tables.decorator.js';

@Injectable()
export class ReadModelInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly waiter: ConsistencyWaiter,
    private readonly versions: ReadModelVersions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const response = context.switchToHttp().getResponse<Response>();
    const reads = this.reflector.get<string[] | undefined>(READS_PROJECTIONS, context.getHandler());
    const input = consistencyTokenInput(request);
    if (!reads) {
      // Only read-model endpoints take the token; elsewhere the parameter is as unknown as any other.
      if (input?.fromQuery) throw new BadRequestException(`unknown parameter "${CONSISTENCY_TOKEN_PARAM}"`);
      return next.handle();
    }

    if (input) {
      const consistency = await this.waitFor(parseToken(input.values), reads);
      response.setHeader('X-Consistency', consistency);
    }
    const version = await this.versions.read(reads, { fresh: input !== undefined });
    const etag = readModelEtag({
      readModelVersion: version,
      userId: request.user?.userId ?? '',
      path: request.path,
      query: request.query as Record<string, unknown>,
      day: this.clock.now().toISOString().slice(0, 10),
    });
    response.setHeader('Cache-Control', 'private, no-cache');
    if (ifNoneMatchMatches(request.headers['if-none-match'], etag)) {
      response.setHeader('ETag', etag);
      response.status(304);
      return of(undefined);
    }
    // Only a successful answer carries the tag: an error must not be revalidated as if it were data.
    return next.handle().pipe(tap(() => response.setHeader('ETag', etag)));
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

function parseToken(values: string[]): ConsistencyToken {
  if (values.length > 1) throw new BadRequestException('Send one consistency token (X-Consistency-Token header or consistencyToken parameter), not several');
  try {
    return parseConsistencyToken(values[0]!);
  } catch (error) {
    if (error instanceof InvalidConsistencyTokenError) throw new BadRequestException(error.message);
    throw error;
  }
}
