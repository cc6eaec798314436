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

/** `fastParser` has no result for this data: run the schema's own `safeParse` (it fails, with Zod's message). */
export const NO_FAST_RESULT: unique symbol = Symbol('no fast result');

export type FastParser<Out> = (data: unknown) => Out | typeof NO_FAST_RESULT;

/** The parsed data (possibly `data` itself, see the module comment), or NO_FAST_RESULT when it is invalid. */
export function fastParser<S extends z.ZodType>(schema: S): FastParser<z.output<S>> {
  const compiled = z.compile(schema);
  const keeps = keepsInput(schema);
  return (data) => {
    if (!compiled.validate(data)) return NO_FAST_RESULT;
    // Deep-equal to what Zod would return (see keepsInput), and fresh from the store: no copy.
    if (keeps !== null && keeps(data)) return data as z.output<S>;
    const parsed = compiled.safeParse(data);
    return parsed.success ? parsed.data : NO_FAST_RESULT;
  };
}

/**
 * For data that the schema accepts: true only if the schema's output is deep-equal to the data.
 * `null` when the schema has a part this does not know (it then never claims so).
 */
type KeepsInput = (value: unknown) => boolean;

const ALWAYS: KeepsInput = () => true;

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

export function keepsInput(schema: z.core.$ZodType): KeepsInput | null {
  const def = schema._zod.def as AnyDef;
  if (!keepsValue(def)) return null;
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'null':
      return ALWAYS;
    case 'optional':
    case 'nullable': {
      const inner = keepsInput(def.innerType!);
      if (inner === null || inner === ALWAYS) return inner;
      const empty = def.type === 'optional' ? undefined : null;
      return (value) => value === empty || inner(value);
    }
    case 'array': {
      // An element type that accepts undefined would turn a hole into an element: not handled.
      const elementType = (def.element!._zod.def as AnyDef).type;
      if (['optional', 'undefined', 'unknown', 'any'].includes(elementType)) return null;
      const element = keepsInput(def.element!);
      if (element === null) return null;
      return (value) => {
        const array = value as unknown[];
        if (Object.getPrototypeOf(array) !== Array.prototype) return false;
        if (element !== ALWAYS) for (const item of array) if (!element(item)) return false;
        return true;
      };
    }
    case 'object':
      return keepsObject(def);
    default:
      return null;
  }
}

function keepsObject(def: AnyDef): KeepsInput | null {
  const shape = def.shape!;
  if (Object.getOwnPropertySymbols(shape).length > 0) return null;
  const keys = Object.keys(shape);
  if (keys.includes('__proto__')) return null;
  // No catchall: z.object, unknown keys are stripped. `unknown`: z.looseObject, they are copied.
  // `never`: z.strictObject, they are rejected (so never there in accepted data).
  const catchall = def.catchall === undefined ? 'strip' : (def.catchall._zod.def as AnyDef).type;
  if (catchall !== 'strip' && catchall !== 'unknown' && catchall !== 'never') return null;
  const children: [string, KeepsInput][] = [];
  for (const key of keys) {
    const child = keepsInput(shape[key]!);
    if (child === null) return null;
    if (child !== ALWAYS) children.push([key, child]);
  }
  const known = new Set(keys);
  return (value) => {
    const object = value as Record<string, unknown>;
    // Zod's output is a plain object; it copies (or strips) enumerable keys, inherited ones too.
    if (Object.getPrototypeOf(object) !== Object.prototype) return false;
    if (catchall === 'strip') {
      for (const key in object) if (!known.has(key)) return false;
    } else if (Object.hasOwn(object, '__proto__')) {
      return false;
    }
    for (const [key, child] of children) if (!child(object[key])) return false;
    return true;
  };
}
