/**
 * The Helix reference (twitch-helix-openapi.json, a copy of the project's shared reference kept
 * here so a clone tests alone) as test oracles: ajv validators for each endpoint's 200 body, and a
 * checker for query parameters.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { type?: string; format?: string; enum?: string[]; items?: { type?: string; enum?: string[] } };
}
interface OpenApiDoc {
  paths: Record<string, { get?: { parameters?: OpenApiParameter[] } }>;
}

const SPEC_URL = new URL('./twitch-helix-openapi.json', import.meta.url);
export const helixOpenApi = JSON.parse(readFileSync(SPEC_URL, 'utf8')) as OpenApiDoc;

// ajv-formats ships CommonJS; under ESM its default export may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
ajv.addSchema(helixOpenApi, 'helix');

const pointer = (path: string) => path.replace(/~/g, '~0').replace(/\//g, '~1');

export function responseValidator(path: string): ValidateFunction {
  const ref = `helix#/paths/${pointer(path)}/get/responses/200/content/application~1json/schema`;
  return ajv.compile({ $ref: ref });
}

/** The limits the reference states in prose (e.g. "You may specify a maximum of 100 IDs"). */
const MAX_FIRST = 100;
const MAX_REPEATED = 100;
const dateTimeSchema = ajv.compile({ type: 'string', format: 'date-time' });
/** A plain boolean: the compiled validator is a type guard, which would narrow a failing string to never. */
const isDateTime = (text: string): boolean => dateTimeSchema(text);

/** Problems with one request's query against the reference; empty when it conforms. */
export function parameterProblems(path: string, query: Array<[string, string]>): string[] {
  const parameters = (helixOpenApi.paths[path]?.get?.parameters ?? []).filter((p) => p.in === 'query');
  if (parameters.length === 0 && query.length > 0) return [`${path} takes no query parameters`];
  const problems: string[] = [];
  for (const p of parameters) {
    if (p.required && !query.some(([name]) => name === p.name)) problems.push(`${path}: missing required ${p.name}`);
  }
  for (const name of new Set(query.map(([n]) => n))) {
    const values = query.filter(([n]) => n === name).map(([, v]) => v);
    const spec = parameters.find((p) => p.name === name);
    if (!spec) {
      problems.push(`${path}: unknown parameter ${name}`);
      continue;
    }
    const isArray = spec.schema?.type === 'array';
    if (!isArray && values.length > 1) problems.push(`${path}: ${name} repeated but not a list`);
    if (values.length > MAX_REPEATED)
      problems.push(`${path}: ${values.length} values of ${name} (max ${MAX_REPEATED})`);
    const allowed = spec.schema?.enum ?? spec.schema?.items?.enum;
    for (const value of values) {
      if (allowed && !allowed.includes(value)) problems.push(`${path}: ${name}=${value} not in ${allowed.join('|')}`);
      if (spec.schema?.format === 'date-time' && !isDateTime(value))
        problems.push(`${path}: ${name}=${value} is not date-time`);
      if (name === 'first' && !(Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= MAX_FIRST))
        problems.push(`${path}: first=${value} out of 1..${MAX_FIRST}`);
      if ((spec.schema?.type === 'integer' || spec.schema?.items?.type === 'integer') && !/^-?\d+$/.test(value))
        problems.push(`${path}: ${name}=${value} not an integer`);
    }
  }
  if (query.some(([n]) => n === 'after') && query.some(([n]) => n === 'before'))
    problems.push(`${path}: after and before together`);
  if (path === '/users' || path === '/games') {
    const idLike = query.filter(([n]) => ['id', 'login', 'name', 'igdb_id'].includes(n)).length;
    if (idLike > 100) problems.push(`${path}: ${idLike} ids and names together (max 100)`);
  }
  return problems;
}
