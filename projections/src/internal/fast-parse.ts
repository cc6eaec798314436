/**
 * A faster stand-in for `schema.safeParse(data)` on the decode path, with exactly its results.
 *
 * Two parts, each answering one question:
 * - Is the data valid? `z.compile(schema).validate(data)`: Zod's own ahead-of-time compiled
 *   validator (no output built), so the rules (ISO datetime with offset, safe integers, min
 *   lengths, enums, nullable/optional) are Zod's, not a re-implementation of them.
 * - Would Zod's output be deep-equal to the data itself? `keepsInput` below, built once per schema
 *   from its definition: no key that a plain `z.object` strips, no own `__proto__` key (Zod never
 *   copies one), plain objects only, and no schema part that rewrites a value (coercion,
 *   transforms, defaults, overwrites). If so the data itself is the result, no copy is made; if
 *   not (rare), Zod builds the output (compiled parse).
 *
 * When the validator rejects, the caller runs the schema's own `safeParse` as before, so an invalid
 * event gets exactly the same error as without this module; only failing events pay for it.
 *
 * Returning the input object means the result shares it: that is safe where the input is a fresh,
 * unshared value, as the data of an event read from the store is (parsed from JSON for each read).
 */
import { z } from 'zod';
import { must } from '../must.js';

/** `fastParser` has no result for this data: run the schema's own `safeParse` (it fails, with Zod's message). */
export const NO_FAST_RESULT: unique symbol = Symbol('no fast result');

export type FastParser<Out> = (data: unknown) => Out | typeof NO_FAST_RESULT;

/** The parsed data (possibly `data` itself, see the module comment), or NO_FAST_RESULT when it is invalid. */
export function fastParser<S extends z.ZodType>(schema: S): FastParser<z.output<S>> {
  const compiled = z.compile(schema);
  const isValid = validatorOf(compiled);
  const keeps = keepsInput(schema);
  return (data) => {
    if (!isValid(data)) return NO_FAST_RESULT;
    // Deep-equal to what Zod would return (see keepsInput), and fresh from the store: no copy.
    if (keeps !== null && keeps(data)) return data as z.output<S>;
    const parsed = compiled.safeParse(data);
    return parsed.success ? parsed.data : NO_FAST_RESULT;
  };
}

/**
 * `compiled.validate` without its wrapper: Zod's `validate` calls the compiled assert-only
 * validator it keeps in `_zod.bag.validator` and answers true unless that returns `z.INVALID`
 * (when it does, `validate` re-runs the runtime parser to be sure; here the caller's safeParse
 * does). Calling it directly saves about a fifth of the decode time. It is not public API, so it
 * is used only if it is where and what it is in Zod 4.6 (a function rejecting a symbol with
 * `z.INVALID`); otherwise the public method.
 */
function validatorOf(compiled: z.ZodType): (data: unknown) => boolean {
  const validator = internalValidatorOf(compiled);
  if (validator) return (data) => validator(data) !== z.INVALID;
  return (data) => compiled.validate(data);
}

function internalValidatorOf(compiled: z.ZodType): ((data: unknown) => unknown) | undefined {
  const validator = (compiled._zod.bag as { validator?: unknown }).validator;
  if (typeof validator !== 'function') return undefined;
  const call = validator as (data: unknown) => unknown;
  return call(Symbol('not valid data')) === z.INVALID ? call : undefined;
}

/**
 * Which fast parts this schema gets: Zod's internal validator (else the slower public `validate`),
 * and the no-copy result (else a compiled parse builds the output). A Zod upgrade that moves the
 * internal turns the first off silently; the test over the catalogue makes it loud.
 */
export function fastPathsOf(schema: z.ZodType): { internalValidator: boolean; noCopy: boolean } {
  return {
    internalValidator: internalValidatorOf(z.compile(schema)) !== undefined,
    noCopy: keepsInput(schema) !== null,
  };
}

/** Checks that only accept or reject, never change the value. `custom` is not one: a `superRefine`/`check` may. */
const VALUE_KEEPING_CHECKS = new Set([
  'min_length',
  'max_length',
  'length_equals',
  'greater_than',
  'less_than',
  'multiple_of',
  'number_format',
  'string_format',
]);
/** String formats that only test the text (`url` can normalize it, so it is not here). */
const VALUE_KEEPING_FORMATS = new Set(['datetime', 'date', 'time', 'uuid', 'regex']);

interface AnyDef {
  type: string;
  check?: string;
  format?: string;
  coerce?: boolean;
  checks?: readonly { _zod: { def: AnyDef } }[];
  innerType?: z.core.$ZodType;
  element?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  catchall?: z.core.$ZodType;
}

function keepsValue(def: AnyDef): boolean {
  if (def.coerce) return false;
  if (def.check !== undefined && !VALUE_KEEPING_CHECKS.has(def.check)) return false;
  if (def.check === 'string_format' && !VALUE_KEEPING_FORMATS.has(def.format ?? '')) return false;
  return (def.checks ?? []).every((c) => keepsValue(c._zod.def));
}

/**
 * For data the schema accepts: a function telling whether the schema's output is deep-equal to the
 * data, or `null` when the schema has a part this does not know (then it is never claimed).
 *
 * Generated as code once per schema (about twice as fast as composed closures). For the
 * LiveStreamSampled schema, for instance:
 *
 *     if (Object.getPrototypeOf(input) !== Object.prototype) return false;
 *     for (const k in input) if (k !== "broadcasterId" && k !== "stream") return false;
 *     const v1 = input["stream"];
 *     if (Object.getPrototypeOf(v1) !== Object.prototype) return false;
 *     if (Object.hasOwn(v1, "__proto__")) return false;
 *     const v2 = v1["tags"];
 *     if (v2 !== undefined) { if (v2 !== null) { if (Object.getPrototypeOf(v2) !== Array.prototype) return false; } }
 *     return true;
 *
 * What it relies on (Zod 4's object and array parsing): an accepted value is, per schema part,
 * - a string, number, boolean, enum value, literal or null: returned as is;
 * - z.object: a new plain object with the shape's keys present in the input (`key in input`),
 *   unknown keys dropped, so equal if the input is a plain object with no other enumerable key
 *   (an own `__proto__` key is such a key);
 * - z.looseObject: the same plus every other enumerable key (`for in`) except `__proto__`, so
 *   equal if the input is a plain object without an own `__proto__` key;
 * - z.strictObject: the input has no other key (else rejected), so as z.looseObject;
 * - z.array: a new array of the parsed elements, so equal if it is a plain array whose elements
 *   are; element types accepting undefined are not handled (a hole would become an element).
 *   Named (non-index) properties of an array are dropped by Zod and not looked for here: JSON
 *   arrays have none, and counting an array's keys would cost more than the rest together;
 * - optional/nullable: undefined/null as is, else the inner type.
 */
export function keepsInput(schema: z.core.$ZodType): ((value: unknown) => boolean) | null {
  const lines: string[] = [];
  let counter = 0;
  /** Appends the checks of `value` (a variable holding accepted data of `schema`); false if unknown. */
  const emit = (schema: z.core.$ZodType, value: string): boolean => {
    const def = schema._zod.def as AnyDef;
    if (!keepsValue(def)) return false;
    switch (def.type) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'enum':
      case 'literal':
      case 'null':
        return true;
      case 'optional':
      case 'nullable': {
        const at = lines.length;
        if (!emit(must(def.innerType, 'def.innerType'), value)) return false;
        if (lines.length > at) {
          lines.splice(at, 0, `if (${value} !== ${def.type === 'optional' ? 'undefined' : 'null'}) {`);
          lines.push('}');
        }
        return true;
      }
      case 'array': {
        const elementType = (must(def.element, 'def.element')._zod.def as AnyDef).type;
        if (['optional', 'undefined', 'unknown', 'any'].includes(elementType)) return false;
        lines.push(`if (Object.getPrototypeOf(${value}) !== Array.prototype) return false;`);
        const at = lines.length;
        const item = `v${++counter}`;
        if (!emit(must(def.element, 'def.element'), item)) return false;
        if (lines.length > at) {
          lines.splice(at, 0, `for (const ${item} of ${value}) {`);
          lines.push('}');
        }
        return true;
      }
      case 'object': {
        const shape = must(def.shape, 'def.shape');
        if (Object.getOwnPropertySymbols(shape).length > 0) return false;
        const keys = Object.keys(shape);
        if (keys.includes('__proto__')) return false;
        // No catchall: z.object. `unknown`: z.looseObject. `never`: z.strictObject.
        const catchall = def.catchall === undefined ? 'strip' : (def.catchall._zod.def as AnyDef).type;
        if (catchall !== 'strip' && catchall !== 'unknown' && catchall !== 'never') return false;
        lines.push(`if (Object.getPrototypeOf(${value}) !== Object.prototype) return false;`);
        if (catchall === 'strip') {
          const unknownKey =
            keys.length === 0 ? 'true' : keys.map((key) => `k !== ${JSON.stringify(key)}`).join(' && ');
          lines.push(`for (const k in ${value}) if (${unknownKey}) return false;`);
        } else {
          lines.push(`if (Object.hasOwn(${value}, "__proto__")) return false;`);
        }
        for (const key of keys) {
          const at = lines.length;
          const child = `v${++counter}`;
          if (!emit(must(shape[key], 'shape[key]'), child)) return false;
          if (lines.length > at) lines.splice(at, 0, `const ${child} = ${value}[${JSON.stringify(key)}];`);
        }
        return true;
      }
      default:
        return false;
    }
  };
  if (!emit(schema, 'input')) return null;
  // Compiling the checks into one function is the point of the fast path; its source is built only
  // from the schema's own keys (JSON.stringify'd) and generated variable names, never from data.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('input', `${lines.join('\n')}\nreturn true;`) as (value: unknown) => boolean;
}
