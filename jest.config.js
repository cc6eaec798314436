// Jest runs in ESM mode (NestJS 12 is ESM-only): NODE_OPTIONS=--experimental-vm-modules is set
// by the `test:jest` script, and @swc/jest compiles TypeScript with decorator metadata.
import { readFileSync } from 'node:fs';

const swc = JSON.parse(readFileSync(new URL('./.swcrc', import.meta.url), 'utf8'));
delete swc.$schema;

export default {
  rootDir: '.',
  roots: [
    '<rootDir>/backend/src',
    '<rootDir>/projections/src',
    '<rootDir>/migrations/src',
    '<rootDir>/dashboard/tests',
  ],
  testMatch: ['**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, module: { type: 'es6' } }] },
  moduleNameMapper: {
    '^@creatorsync/projections$': '<rootDir>/projections/src/index.ts',
    '^@creatorsync/migrations$': '<rootDir>/migrations/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  globalSetup: '<rootDir>/backend/src/testing/global-setup.ts',
  globalTeardown: '<rootDir>/backend/src/testing/global-teardown.ts',
  // Tests wait on conditions (backend/src/testing/deadlines.ts), not on the machine's speed: a test's
  // deadline only bounds a hang, and on two busy cores a test that takes seconds when quiet can take minutes.
  testTimeout: 600_000,
  maxWorkers: 2,
  verbose: true,
};
