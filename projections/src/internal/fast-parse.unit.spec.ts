/**
 * decodeEvent's fast path (fast-parse.ts) against the plain Zod path it replaces: for realistic
 * logs and for malformed or unusual variants of them, the same decoded event (deep-equal,
 * prototypes and undefined-valued keys included) or the same EventDecodeError message, and the
 * input left untouched.
 */
import { deepStrictEqual } from 'node:assert/strict';
import { z } from 'zod';
import {
  decodeEvent,
  eventCatalogue,
  EventDecodeError,
  isCatalogueType,
  type CatalogueEvent,
} from '../catalogue/event-catalogue.js';
import { fastParser, keepsInput, NO_FAST_RESULT } from './fast-parse.js';
import { must } from '../must.js';

interface StoredEventLike {
  id: string;
  type: string;
  streamId: string;
  position: string;
  data: unknown;
  metadata: unknown;
}

/** decodeEvent as it was before the fast path: upcast, then Zod's safeParse. */
function referenceDecode(stored: StoredEventLike): CatalogueEvent {
  const fail = (reason: string) => new EventDecodeError(stored.id, stored.type, stored.position, reason);
  if (!isCatalogueType(stored.type)) throw fail('unknown event type');
  const entry: { version: number; schema: z.ZodType; upcasters: Record<number, (data: unknown) => unknown> } =
    eventCatalogue[stored.type];
  const metadata = stored.metadata as CatalogueEvent['metadata'] | null;
  const version = metadata?.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw fail('metadata.schemaVersion is missing or not a positive integer');
  }
  if (version > entry.version) {
    throw fail(`schema version ${version} is newer than this catalogue knows (${entry.version})`);
  }
  let data = stored.data;
  for (let v = version; v < entry.version; v++) {
    const upcast = entry.upcasters[v];
    if (!upcast) throw fail(`no upcaster from version ${v}`);
    data = upcast(data);
  }
  const parsed = entry.schema.safeParse(data);
  if (!parsed.success) throw fail(`malformed data: ${z.prettifyError(parsed.error)}`);
  return {
    id: stored.id,
    type: stored.type,
    streamId: stored.streamId,
    position: stored.position,
    data: parsed.data,
    metadata: { ...must(metadata, 'metadata'), schemaVersion: entry.version },
  } as CatalogueEvent;
}

/** A deep copy keeping what JSON would lose: prototypes, holes, undefined values, own `__proto__` keys. */
function clone(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (const key of Object.keys(value))
      (copy as unknown as Record<string, unknown>)[key] = clone((value as unknown as Record<string, unknown>)[key]);
    return copy;
  }
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as object;
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    Object.defineProperty(
      copy,
      key,
      'value' in descriptor ? { ...descriptor, value: clone(descriptor.value) } : descriptor,
    );
  }
  return copy;
}

type Outcome = { ok: CatalogueEvent } | { error: string };
function outcome(decode: (stored: StoredEventLike) => CatalogueEvent, stored: StoredEventLike): Outcome {
  try {
    return { ok: decode(stored) };
  } catch (error) {
    if (!(error instanceof EventDecodeError)) throw error;
    return { error: error.message };
  }
}

/** Both paths on independent copies; a description of the difference, or null. */
function compare(stored: StoredEventLike): string | null {
  const before = clone(stored) as StoredEventLike;
  const input = clone(stored) as StoredEventLike;
  const expected = outcome(referenceDecode, clone(stored) as StoredEventLike);
  const actual = outcome(decodeEvent, input);
  try {
    deepStrictEqual(actual, expected);
    deepStrictEqual(input, before, 'the input was changed');
    return null;
  } catch (error) {
    return `${stored.type} ${JSON.stringify({ data: stored.data }).slice(0, 300)}: ${(error as Error).message.slice(0, 1500)}`;
  }
}

let counter = 0;
const stored = (type: string, data: unknown, metadata: unknown, streamId = 's'): StoredEventLike => ({
  id: `e${++counter}`,
  type,
  streamId,
  position: `${counter}-${counter}`,
  data,
  metadata,
});
/** As a store read gives it: data and metadata parsed from JSON text. */
const fromJson = (type: string, data: unknown, metadata: unknown, streamId?: string) =>
  stored(type, JSON.parse(JSON.stringify(data)), JSON.parse(JSON.stringify(metadata)), streamId);

// The log generators live in the backend; a computed path keeps them out of this package's type
// check and dependency rules (tests only).
interface LogGenerators {
  generateEvents: (
    total: number,
    channels: number,
    seed?: number,
  ) => Iterable<{ id: string; type: string; streamId: string; data: string; metadata: string }>;
  generateDeterminismLog: (options?: {
    channels?: number;
    days?: number;
    seed?: number;
  }) => Array<{ streamId: string; event: { id: string; type: string; data: unknown; metadata: unknown } }>;
}
async function logGenerators(): Promise<LogGenerators> {
  const backend = '../../../backend/src';
  // One after the other: Jest's ESM loader fails on concurrent imports sharing modules.
  const bench = (await import(`${backend}/bench/rebuild-generate.js`)) as Pick<LogGenerators, 'generateEvents'>;
  const determinism = (await import(`${backend}/projector/determinism-event-log.js`)) as Pick<
    LogGenerators,
    'generateDeterminismLog'
  >;
  return { generateEvents: bench.generateEvents, generateDeterminismLog: determinism.generateDeterminismLog };
}

async function realisticEvents(): Promise<StoredEventLike[]> {
  const { generateEvents, generateDeterminismLog } = await logGenerators();
  const events: StoredEventLike[] = [];
  for (const e of generateEvents(30_000, 40, 7))
    events.push(stored(e.type, JSON.parse(e.data) as unknown, JSON.parse(e.metadata) as unknown, e.streamId));
  for (const { streamId, event } of generateDeterminismLog())
    events.push(fromJson(event.type, event.data, event.metadata, streamId));
  // Rare in a log of this size: one of each that may be missing.
  const metadata = { correlationId: 'c', source: 'manual', schemaVersion: 1, fetchedAt: '2025-03-01T10:00:00.000Z' };
  events.push(
    fromJson(
      'TwitchAccountUnlinked',
      { userId: 'user_1', broadcasterId: '40000000', unlinkedAt: '2025-03-01T10:00:00.000Z' },
      metadata,
    ),
  );
  events.push(fromJson('SubscriberCountUnavailable', { broadcasterId: '40000000', reason: 'token_revoked' }, metadata));
  events.push(
    fromJson(
      'ChannelMediaChecked',
      { broadcasterId: '40000000', media: 'top-clips', items: 100, recorded: 3, grown: 2 },
      metadata,
    ),
  );
  for (const [type, data] of backfillSamples()) events.push(fromJson(type, data, { ...metadata, source: 'backfill' }));
  return events;
}

/** One of each backfill event (the generated logs have none). */
function backfillSamples(): Array<[string, unknown]> {
  const job = { jobId: 'backfill-20250301T100000Z-0a1b2c3d' };
  const at = '2025-03-01T10:00:00.000Z';
  return [
    [
      'FollowersListed',
      {
        broadcasterId: '40000000',
        day: '2025-02-27',
        followers: [{ user_id: '1', user_login: 'a', user_name: 'A', followed_at: '2025-02-27T08:00:00Z' }],
        totalAtFetch: 120,
      },
    ],
    [
      'FollowerCountReconstructed',
      {
        broadcasterId: '40000000',
        day: '2025-02-27',
        followers: 119,
        totalAtFetch: 120,
        reconstructed: true,
        lowerBound: true,
      },
    ],
    [
      'StreamSessionReconstructed',
      {
        broadcasterId: '40000000',
        streamId: '4095212108',
        videoId: '1000000001',
        startedAt: '2025-02-26T19:00:00Z',
        durationSeconds: 10_800,
        title: 'Ranked | !socials',
        averageViewers: null,
        peakViewers: null,
        reconstructed: true,
      },
    ],
    [
      'BackfillRequested',
      { ...job, from: '2025-01-01', to: '2025-02-28', kinds: ['followers', 'clips'], dryRun: false, allChannels: true },
    ],
    [
      'BackfillProgressRecorded',
      {
        ...job,
        broadcasterId: '40000000',
        kind: 'followers',
        cursor: 'eyJiIjpudWxsfQ',
        skip: 12,
        seen: 1_012,
        totalAtFetch: 5_000,
        nextDay: '2025-02-01',
        pages: 11,
        requests: 12,
        eventsWritten: 40,
        remainingRequests: 39,
        done: false,
        recordedAt: at,
      },
    ],
    [
      'BackfillEstimated',
      {
        ...job,
        broadcasterId: '40000000',
        requests: [{ kind: 'followers', endpoint: '/channels/followers', count: 50 }],
        totalRequests: 50,
        estimatedSeconds: 4.2,
        requestsPerMinute: 720,
      },
    ],
    ['BackfillCancelled', { ...job, cancelledBy: 'admin-key', cancelledAt: at }],
  ];
}

const DATETIMES = [
  '2025-01-01T00:00:00Z',
  '2025-01-01T00:00:00.123Z',
  '2025-01-01T00:00:00.123456789Z',
  '2025-01-01T00:00:00+01:00',
  '2025-01-01T00:00:00-05:30',
  '2025-01-01T23:59:59+14:00',
  '2025-01-01T00:00:00',
  '2025-01-01T00:00Z',
  '2025-01-01 00:00:00Z',
  '2025-01-01T00:00:00z',
  '2025-01-01T00:00:00+0100',
  '2025-01-01T00:00:00+01',
  '2025-01-01T00:00:00+24:00',
  '2025-02-29T00:00:00Z',
  '2024-02-29T00:00:00Z',
  '2000-02-29T00:00:00Z',
  '1900-02-29T00:00:00Z',
  '2025-04-31T00:00:00Z',
  '2025-13-01T00:00:00Z',
  '2025-01-01T24:00:00Z',
  '2025-01-01T00:00:60Z',
  '2025-01-01T00:00:00.Z',
  '2025-01-01',
  ' 2025-01-01T00:00:00Z',
  '2025-01-01T00:00:00Z\n',
  '+002025-01-01T00:00:00Z',
  '２０２５-01-01T00:00:00Z',
];
const REPLACEMENTS: unknown[] = [
  undefined,
  null,
  true,
  '',
  'x',
  'not_connected',
  'daily',
  'Europe/Berlin',
  'Not/AZone',
  0,
  -0,
  1,
  -1,
  1.5,
  2 ** 53,
  2 ** 53 - 1,
  -(2 ** 53),
  NaN,
  Infinity,
  -Infinity,
  {},
  [],
  ['a'],
  [1],
  [null],
  new Date(0),
  ...DATETIMES,
];

/** An own `__proto__` key, as JSON.parse makes one. */
const withProtoKey = (object: object, value: unknown) =>
  Object.defineProperty(clone(object) as object, '__proto__', {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });

/** Every variant of `value` with one change somewhere inside it. */
function* variants(value: unknown): Generator {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    const array = value as unknown[];
    const sparse = clone(array) as unknown[];
    sparse.length += 1;
    yield sparse;
    for (let i = 0; i < Math.min(array.length, 2); i++) {
      for (const replacement of [undefined, null, 1, '', {}])
        yield array.map((item, j) => (j === i ? replacement : item));
      for (const inner of variants(array[i])) yield array.map((item, j) => (j === i ? inner : item));
    }
    return;
  }
  const object = value as Record<string, unknown>;
  yield { ...object, extraKey: 'extra' };
  yield { ...object, extraUndefined: undefined };
  yield withProtoKey(object, { polluted: true });
  yield Object.assign(Object.create(null), object);
  yield Object.assign(
    new (class Data {
      // A prototype method only: the instance itself has no own keys.
      describe(): string {
        return 'an instance of a class';
      }
    })(),
    object,
  );
  yield Object.assign(Object.create({ inherited: 1 }), object);
  yield Object.assign([], object);
  for (const key of Object.keys(object)) {
    const { [key]: _, ...without } = object;
    yield without;
    for (const replacement of REPLACEMENTS) yield { ...object, [key]: replacement };
    for (const inner of variants(object[key])) yield { ...object, [key]: inner };
  }
}

describe('decodeEvent with the fast path', () => {
  let realistic: StoredEventLike[];
  beforeAll(async () => {
    realistic = await realisticEvents();
  });

  it('decodes realistic logs exactly as Zod alone did, without copying their data', () => {
    expect(new Set(realistic.map((e) => e.type))).toEqual(new Set(Object.keys(eventCatalogue)));
    const differences = realistic.map(compare).filter((d) => d !== null);
    expect(differences).toEqual([]);
    // The point of the fast path: valid data is returned as it came (fresh from the store).
    const uncopied = realistic
      .filter((e) => e.type !== 'ChannelTimeZoneSet' && decodeEvent(e).data !== e.data)
      .map((e) => e.type);
    expect(uncopied).toEqual([]);
  });

  it('rejects or decodes every malformed or unusual variant exactly as Zod alone did', () => {
    // A few events of each type as samples, varied everywhere in their data.
    const samples = Object.keys(eventCatalogue).flatMap((type) => {
      const ofType = realistic.filter((e) => e.type === type);
      return [
        must(ofType[0], 'ofType[0]'),
        must(ofType[Math.floor(ofType.length / 2)], 'ofType[Math.floor(ofType.length / 2)]'),
        must(ofType[ofType.length - 1], 'ofType[ofType.length - 1]'),
      ];
    });
    const differences: string[] = [];
    let cases = 0;
    let failures = 0;
    for (const sample of samples) {
      for (const data of [sample.data, ...variants(sample.data)]) {
        cases++;
        const event = stored(sample.type, data, sample.metadata, sample.streamId);
        const difference = compare(event);
        if (difference !== null) differences.push(difference);
        if ('error' in outcome(referenceDecode, clone(event) as StoredEventLike)) failures++;
      }
    }
    expect(differences).toEqual([]);
    // Enough of both kinds to mean something.
    expect(failures).toBeGreaterThan(5_000);
    expect(cases - failures).toBeGreaterThan(1_000);
  });

  it('fails on the envelope exactly as before (type, schema version, metadata)', () => {
    const sample = must(
      realistic.find((e) => e.type === 'LiveStreamSampled'),
      "realistic.find((e) => e.type === 'LiveStreamSampled')",
    );
    const metadata = sample.metadata as Record<string, unknown>;
    const cases = [
      stored('NoSuchType', sample.data, metadata),
      stored('LiveStreamSampled', sample.data, null),
      stored('LiveStreamSampled', sample.data, undefined),
      ...[undefined, null, 0, -1, 1.5, '1', 2, 3, NaN].map((schemaVersion) =>
        stored('LiveStreamSampled', sample.data, { ...metadata, schemaVersion }),
      ),
      stored('LiveStreamSampled', null, metadata),
      stored('LiveStreamSampled', undefined, metadata),
      stored('LiveStreamSampled', 'text', metadata),
      stored('LiveStreamSampled', [], metadata),
    ];
    expect(cases.map(compare).filter((d) => d !== null)).toEqual([]);
  });
});

describe('fastParser on schemas outside the catalogue', () => {
  const cases: Array<[string, z.ZodType, unknown[]]> = [
    ['strict object', z.strictObject({ a: z.string() }), [{ a: 'x' }, { a: 'x', b: 1 }, withProtoKey({ a: 'x' }, 1)]],
    ['coercion', z.object({ n: z.coerce.number() }), [{ n: '5' }, { n: 5 }]],
    ['transform', z.object({ s: z.string().transform((s) => s.toUpperCase()) }), [{ s: 'x' }]],
    ['overwrite', z.object({ s: z.string().trim() }), [{ s: ' x ' }]],
    ['default', z.object({ s: z.string().default('d') }), [{}, { s: 'x' }]],
    ['url', z.object({ u: z.url({ normalize: true }) }), [{ u: 'HTTPS://Example.com' }]],
    [
      'optional array of optional',
      z.object({ a: z.array(z.string().optional()) }),
      [{ a: ['x', undefined] }, { a: new Array(2) }],
    ],
    ['unknown value', z.object({ u: z.unknown() }), [{}, { u: undefined }, { u: { deep: [1] } }]],
    [
      'nested loose',
      z.looseObject({ o: z.looseObject({ n: z.number().int() }).nullable() }),
      [{ o: null, x: 1 }, { o: { n: 1, y: 2 } }, { o: { n: 1.5 } }],
    ],
  ];
  it.each(cases)('%s: the same result as safeParse', (_, schema, inputs) => {
    const parse = fastParser(schema);
    for (const input of inputs) {
      const expected = schema.safeParse(clone(input));
      const fast = parse(clone(input));
      if (expected.success) deepStrictEqual(fast, expected.data);
      else expect(fast).toBe(NO_FAST_RESULT);
    }
  });

  it('(known difference, impossible in JSON) keeps named properties of an array, which Zod drops', () => {
    const schema = z.object({ a: z.array(z.string()) });
    const input = { a: Object.assign(['x'], { named: 1 }) };
    expect(fastParser(schema)(input)).toBe(input);
    expect(schema.parse(input).a).not.toHaveProperty('named');
  });

  it('claims the input as output only for value-keeping schemas', () => {
    expect(keepsInput(z.object({ n: z.coerce.number() }))).toBeNull();
    expect(keepsInput(z.object({ s: z.string().trim() }))).toBeNull();
    expect(keepsInput(z.object({ s: z.string().refine(() => true) }))).toBeNull();
    expect(keepsInput(eventCatalogue.LiveStreamSampled.schema)).not.toBeNull();
  });
});
