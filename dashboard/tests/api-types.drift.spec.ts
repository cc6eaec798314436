/**
 * Drift check: the types in dashboard/src/lib/api.gen.ts are exactly what openapi-typescript makes of the
 * OpenAPI document the backend serves now. A DTO changed without regenerating fails here, with the fix.
 * `UPDATE_API_TYPES=1` (what `npm run api-types -w dashboard` sets) writes the file instead.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { startTestSystem, type TestSystem } from '../../backend/src/testing/start-test-system.js';
import { API_TYPES_PATH, generateApiTypes } from './api-types.js';

describe('the dashboard’s generated API types', () => {
  let system: TestSystem | undefined;
  afterAll(() => system?.stop());

  test('match the OpenAPI document the backend serves', async () => {
    // No demo history and no live polls: only the document is needed.
    system = await startTestSystem({ DEMO_HISTORY_DAYS: '0', LIVE_POLL_MINUTES: '0' }, { recordDemo: false });
    const response = await system.get('/api/docs/openapi.json');
    expect(response.status).toBe(200);
    const generated = await generateApiTypes(await response.json());

    if (process.env.UPDATE_API_TYPES === '1') {
      await writeFile(API_TYPES_PATH, generated);
      return;
    }
    const checkedIn = await readFile(API_TYPES_PATH, 'utf8').catch(() => '');
    if (checkedIn !== generated) {
      throw new Error(
        'dashboard/src/lib/api.gen.ts disagrees with the API: run `npm run api-types -w dashboard`, ' +
          'then fix the dashboard where the types changed.',
      );
    }
  });
});
