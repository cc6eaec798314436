/** Test helpers: build catalogue events and run a projection over them in memory. */
import type { CatalogueEvent } from '../catalogue/event-catalogue.js';
import type { Projection } from '../projection.js';
import { MemoryRowSet } from '../row-set.js';

let sequence = 0;

export function event<E extends CatalogueEvent>(type: E['type'], data: E['data'], fetchedAt: string, streamId = 'test'): E {
  sequence++;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    type,
    data,
    streamId,
    position: `${sequence}-${sequence}`,
    metadata: { correlationId: 'test', source: 'simulator', schemaVersion: 1, fetchedAt },
  } as E;
}

export function project(projection: Projection, events: CatalogueEvent[], rows = new MemoryRowSet(projection.tables)): MemoryRowSet {
  for (const e of events) projection.apply(e, rows);
  return rows;
}
