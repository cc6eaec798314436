/**
 * A benchmark's command-line options: `--name value` numbers and `--flag` switches, parsed with
 * Node's util.parseArgs. An unknown option or a value out of range is an error that names it and
 * shows the usage, so a typo never runs a benchmark with silent defaults.
 */
import { parseArgs } from 'node:util';

export interface NumberOption {
  default: number;
  min: number;
  max?: number;
  /** Default true: only whole numbers. */
  integer?: boolean;
}

export interface ParsedBenchOptions<N extends string> {
  values: Record<N, number>;
  flags: Set<string>;
}

export function parseBenchOptions<N extends string>(
  bench: string,
  args: string[],
  numbers: Record<N, NumberOption>,
  flags: readonly string[] = [],
): ParsedBenchOptions<N> {
  const usage = `usage: npm run bench -- ${bench} ${[
    ...Object.entries<NumberOption>(numbers).map(([name, o]) => `[--${name} ${o.default}]`),
    ...flags.map((f) => `[--${f}]`),
  ].join(' ')}`;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(Object.keys(numbers).map((name) => [name, { type: 'string' as const }])),
        ...Object.fromEntries(flags.map((flag) => [flag, { type: 'boolean' as const }])),
      },
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${usage}`, { cause: error });
  }
  const values = {} as Record<N, number>;
  for (const [name, option] of Object.entries<NumberOption>(numbers)) {
    const text = parsed.values[name];
    const value = text === undefined ? option.default : Number(text);
    const whole = option.integer ?? true;
    const shape = whole ? /^\d+$/ : /^\d+(\.\d+)?$/;
    if (typeof text === 'string' && (!shape.test(text) || !Number.isFinite(value))) {
      throw new Error(`--${name} needs ${whole ? 'a whole number' : 'a number'} (got "${text}")\n${usage}`);
    }
    if (value < option.min || (option.max !== undefined && value > option.max)) {
      throw new Error(
        `--${name} must be ${option.max === undefined ? `at least ${option.min}` : `between ${option.min} and ${option.max}`} (got ${value})\n${usage}`,
      );
    }
    values[name as N] = value;
  }
  return { values, flags: new Set(flags.filter((flag) => parsed.values[flag] === true)) };
}
