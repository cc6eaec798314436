/**
 * `@ReadsProjections('channel-analytics', ...)` on a query endpoint names the projections whose
 * tables it reads. The read-model interceptor uses the names to wait for a consistency token
 * (read-your-writes) and to derive the ETag from those projections' positions; the decorator also
 * documents the consistency token, the ETag and the 304 in the OpenAPI document.
 */
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { allProjections } from '@creatorsync/projections';

export const READS_PROJECTIONS = 'creatorsync:reads-projections';

/** Names must be projections the system runs: a typo fails at start, not as a wait that never ends. */
export function ReadsProjections(...names: string[]): MethodDecorator {
  const known = new Set(allProjections.map((p) => p.name));
  const unknown = names.filter((name) => !known.has(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`@ReadsProjections(${names.join(', ')}): unknown projection(s) ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  }
  const consistencyDescription =
    'Consistency token returned by trigger or refresh: the answer waits (bounded) until the read model includes that job, and says so in `X-Consistency`.';
  const headers = {
    ETag: { description: 'Version of the answer, from the read model\'s position; send it back in `If-None-Match`', schema: { type: 'string' } },
    'Cache-Control': { description: '`private, no-cache`: revalidate with `If-None-Match` before reusing', schema: { type: 'string' } },
    'X-Consistency': {
      description: 'Only with a consistency token: `fresh` (the job\'s writes are included) or `timeout` (waited the configured limit; the answer may not include them yet)',
      schema: { type: 'string', enum: ['fresh', 'timeout'] },
    },
  };
  return applyDecorators(
    SetMetadata(READS_PROJECTIONS, [...new Set(names)].sort()),
    ApiHeader({ name: 'X-Consistency-Token', required: false, description: consistencyDescription }),
    ApiQuery({ name: 'consistencyToken', required: false, type: String, description: `${consistencyDescription} Same as the header.` }),
    ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier answer: 304 Not Modified when the read model has not moved' }),
    ApiResponse({ status: 200, description: 'The answer', headers }),
    ApiResponse({ status: 304, description: 'Not modified since the ETag sent in `If-None-Match`', headers }),
    ApiResponse({ status: 400, description: 'A parameter or the consistency token is malformed (problem details say which)' }),
    ApiResponse({ status: 429, description: 'Rate limit reached: retry after `Retry-After` seconds', headers: { 'Retry-After': { schema: { type: 'integer' } } } }),
  );
}
