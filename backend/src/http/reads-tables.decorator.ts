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

export const READS_PROJECTIONS = 'creatorsync:reads-projections';

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
  return [...new Set(tables.map((table) => owner.get(table)!))].sort();
}

export function ReadsTables(...tables: string[]): MethodDecorator {
  const names = projectionsReading(tables);
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
    SetMetadata(READS_PROJECTIONS, names),
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
