/**
 * The dashboard's API types, generated from the backend's OpenAPI document (GET /api/docs/openapi.json)
 * with openapi-typescript, so the dashboard and the API cannot drift apart unnoticed:
 * `api-types.drift.spec.ts` regenerates them from the running backend and compares.
 */
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import { fileURLToPath } from 'node:url';

/** The generated file, checked in; `src/lib/types.ts` names its shapes. */
export const API_TYPES_PATH = fileURLToPath(new URL('../src/lib/api.gen.ts', import.meta.url));

const HEADER = `/**
 * GENERATED from the backend's OpenAPI document by openapi-typescript: do not edit.
 * Regenerate with \`npm run api-types -w dashboard\`; the test dashboard/tests/api-types.drift.spec.ts
 * fails while this file and the API disagree.
 */
`;

/** The TypeScript source for an OpenAPI document, formatted as the repository formats its files. */
export async function generateApiTypes(document: unknown): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], {
    // Optional-and-nullable fields stay as the backend declares them; no extra `| undefined`.
    exportType: true,
  });
  const source = HEADER + astToString(ast);
  const options = (await prettier.resolveConfig(API_TYPES_PATH)) ?? {};
  return prettier.format(source, { ...options, filepath: API_TYPES_PATH });
}
