/**
 * `@ReadsTables('channel_analytics', 'account_channels', ...)` on a query endpoint names the read
 * tables its SQL reads (what its author sees); they are resolved here to the projections that
 * own them. The read-model guard uses those projections to wait for a consistency token
 * (read-your-writes) and to derive the ETag from their positions; the decorator also documents
 * the consistency token, the ETag, the 304 and the 429 in the OpenAPI document.
 */
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { allProjections, type Projection } from '@creatorsync/projections';
import { must } from '../must.js';

export const READS_PROJECTIONS = 'creatorsync:reads-projections';
/** For a route whose path names the projection it reads: `{ param, also }` (also: projections read besides). */
export const READS_PATH_PROJECTION = 'creatorsync:reads-path-projection';

export interface PathProjection {
  param: string;
  also: string[];
}

/** Projection names by table; every table must be one a projection owns: a typo fails at start, not as a wait that never ends. */
export function projectionsReading(
  tables: readonly string[],
  projections: readonly Projection[] = allProjections,
): string[] {
  const owner = new Map(projections.flatMap((p) => p.tables.map((t) => [t.name, p.name] as const)));
  const unknown = tables.filter((table) => !owner.has(table));
  if (tables.length === 0 || unknown.length > 0) {
    throw new Error(
      `@ReadsTables(${tables.join(', ')}): no projection owns ${unknown.join(', ') || 'nothing'}; read tables: ${[...owner.keys()].join(', ')}`,
    );
  }
  return [...new Set(tables.map((table) => must(owner.get(table), 'owner.get(table)')))].sort();
}

export function ReadsTables(...tables: string[]): MethodDecorator {
  return applyDecorators(SetMetadata(READS_PROJECTIONS, projectionsReading(tables)), readModelDocs());
}

/**
 * For `GET /metrics/:projection/:table`: the projection comes from the path (any projection with a
 * build, also one this process has no code for), plus the projections owning `tables`.
 */
export function ReadsPathProjection(param: string, ...tables: string[]): MethodDecorator {
  const also = projectionsReading(tables);
  return applyDecorators(SetMetadata(READS_PATH_PROJECTION, { param, also } satisfies PathProjection), readModelDocs());
}

/** The consistency token, the ETag, the 304 and the 429 in the OpenAPI document. */
function readModelDocs(): MethodDecorator {
  const consistencyDescription =
    'Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`.';
  const headers = {
    ETag: {
      description: "Version of the answer, from the read model's position; send it back in `If-None-Match`",
      schema: { type: 'string' },
    },
    'Cache-Control': {
      description: '`private, no-cache`: revalidate with `If-None-Match` before reusing',
      schema: { type: 'string' },
    },
    'X-Consistency': {
      description:
        "Only with a consistency token: `fresh` (the job's writes are included) or `timeout` (waited the configured limit; the answer may not include them yet)",
      schema: { type: 'string', enum: ['fresh', 'timeout'] },
    },
  };
  return applyDecorators(
    ApiHeader({ name: 'X-Consistency-Token', required: false, description: consistencyDescription }),
    ApiQuery({
      name: 'consistencyToken',
      required: false,
      type: String,
      description: `${consistencyDescription} Same as the header.`,
    }),
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'An ETag from an earlier answer: 304 Not Modified when the read model has not moved',
    }),
    ApiResponse({ status: 200, description: 'The answer', headers }),
    ApiResponse({ status: 304, description: 'Not modified since the ETag sent in `If-None-Match`', headers }),
    ApiResponse({
      status: 400,
      description: 'A parameter or the consistency token is malformed (problem details say which)',
    }),
    ApiResponse({
      status: 429,
      description: 'Rate limit reached: retry after `Retry-After` seconds',
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
    }),
  );
}
