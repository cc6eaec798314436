import {
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  type RecordedEvent as EsdbRecordedEvent,
} from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError, StreamNotFoundError, WrongExpectedVersionError } from '../errors.js';
import { matchesFilter, serverFilter, toPortError, toRecordedEvent } from './eventstoredb-mapping.js';
import { anyOf } from '../../testing/matchers.js';

const esdbEvent = (overrides: Partial<EsdbRecordedEvent> = {}) =>
  ({
    streamId: 'twitch-channel-1',
    id: '0d9c2a47-2a4b-4a4e-9a7e-6c8f8a0b1c2d',
    isJson: true,
    revision: 4n,
    type: 'FollowerCountFetched',
    created: new Date('2025-01-02T03:04:05Z'),
    data: { total: 10 },
    metadata: { source: 'scheduled' },
    position: { commit: 200n, prepare: 180n },
    ...overrides,
  }) as EsdbRecordedEvent;

describe('EventStoreDB mapping', () => {
  it("turns the client's WrongExpectedVersionError into the port's, with stream, expected and actual", () => {
    const error = new EsdbWrongExpectedVersionError(undefined, {
      streamName: 's-1',
      expected: 'no_stream',
      current: 3n,
    });
    const mapped = toPortError(error, 's-1', 'no_stream');
    expect(mapped).toBeInstanceOf(WrongExpectedVersionError);
    expect(mapped).toMatchObject({ streamId: 's-1', expected: 'no_stream', actual: 3n });
    const missing = new EsdbWrongExpectedVersionError(undefined, {
      streamName: 's-2',
      expected: 'stream_exists',
      current: 'no_stream',
    });
    expect(toPortError(missing, 's-2', 'stream_exists')).toMatchObject({
      streamId: 's-2',
      expected: 'stream_exists',
      actual: 'no_stream',
    });
  });

  it("turns the client's StreamNotFoundError into the port's, and any other client failure into EventStoreUnavailableError", () => {
    const mapped = toPortError(new EsdbStreamNotFoundError(undefined, 's-1'), 's-1');
    expect(mapped).toBeInstanceOf(StreamNotFoundError);
    expect(mapped).toMatchObject({ streamId: 's-1' });
    const lost = new Error('network down');
    const unavailable = toPortError(lost, 's-1');
    expect(unavailable).toBeInstanceOf(EventStoreUnavailableError);
    expect(unavailable.message).toMatch(/network down/);
    expect(unavailable.cause).toBe(lost);
    const badArgument = new RangeError('maxCount must be at least 1');
    expect(toPortError(badArgument, 's-1')).toBe(badArgument);
  });

  it('maps a recorded event, metadata absent on the server reading back as null', () => {
    expect(toRecordedEvent(esdbEvent())).toEqual({
      id: '0d9c2a47-2a4b-4a4e-9a7e-6c8f8a0b1c2d',
      type: 'FollowerCountFetched',
      streamId: 'twitch-channel-1',
      revision: 4n,
      position: { commit: 200n, prepare: 180n },
      data: { total: 10 },
      metadata: { source: 'scheduled' },
      createdAt: new Date('2025-01-02T03:04:05Z'),
    });
    expect(toRecordedEvent(esdbEvent({ metadata: undefined })).metadata).toBeNull();
    expect(() => toRecordedEvent(esdbEvent({ position: undefined }))).toThrow(/position/);
  });

  it('filters on both prefix lists client-side and never lets system events through', () => {
    const filter = { eventTypePrefixes: ['Follower', 'Clip'], streamPrefixes: ['twitch-channel-'] };
    expect(matchesFilter(filter, 'FollowerCountFetched', 'twitch-channel-1')).toBe(true);
    expect(matchesFilter(filter, 'FollowerCountFetched', 'twitch-game-1')).toBe(false);
    expect(matchesFilter(filter, 'VideoStatsFetched', 'twitch-channel-1')).toBe(false);
    expect(matchesFilter(undefined, '$statsCollected', '$stats-127.0.0.1:2113')).toBe(false);
    expect(matchesFilter({}, 'Anything', 'any-stream')).toBe(true);
  });

  it('sends the type prefixes to the server when given, else the stream prefixes, else excludes system events', () => {
    const noop = () => {};
    expect(serverFilter({ eventTypePrefixes: ['A'], streamPrefixes: ['s-'] }, noop)).toMatchObject({
      filterOn: 'eventType',
      prefixes: ['A'],
    });
    expect(serverFilter({ streamPrefixes: ['s-'] }, noop)).toMatchObject({ filterOn: 'streamName', prefixes: ['s-'] });
    expect(serverFilter(undefined, noop)).toMatchObject({ filterOn: 'eventType', regex: anyOf(String) });
  });
});
