/**
 * The data-flow boundaries of ../shared/ARCHITECTURE.md, checked on every `npm test`:
 * projections import only the event catalogue (and zod); only the Twitch box knows Helix; the read
 * side never imports the write side; the projector knows neither Twitch nor the REST layers.
 */
module.exports = {
  forbidden: [
    {
      name: 'projections-are-pure',
      comment: 'projections/ is read by analysts: no backend, no framework, no I/O.',
      severity: 'error',
      from: { path: '^projections/src' },
      to: { pathNot: ['^projections/src', 'node_modules/zod'] },
    },
    {
      name: 'only-twitch-knows-helix',
      comment:
        'Helix is reached only through backend/src/twitch (wiring, the account link, collection, benchmarks and tests may use it).',
      severity: 'error',
      from: { path: '^backend/src', pathNot: ['^backend/src/(twitch|twitch-link|collection|app|bench|cli|testing)/'] },
      to: { path: '^backend/src/twitch/' },
    },
    {
      name: 'read-side-never-imports-write-side',
      comment: 'Query handlers read the read tables; they never call Twitch or the collection commands.',
      severity: 'error',
      from: { path: '^backend/src/(analytics|projector)/' },
      to: { path: '^backend/src/(collection|twitch)/' },
    },
    {
      name: 'write-side-never-reads-projections',
      comment: 'Commands decide from Twitch data and their own streams, never from read tables.',
      severity: 'error',
      from: { path: '^backend/src/collection/' },
      to: { path: '^backend/src/(analytics|projector)/' },
    },
    {
      name: 'performance-code-is-fenced',
      comment:
        'projections/src/internal/ holds the speed-ups; only time.ts and the event catalogue front them (see its README).',
      severity: 'error',
      from: {
        pathNot: [
          '^projections/src/internal/',
          '^projections/src/time\\.ts$',
          '^projections/src/catalogue/event-catalogue\\.ts$',
        ],
      },
      to: { path: '^projections/src/internal/' },
    },
    {
      name: 'backend-internal-is-fenced',
      comment:
        "A backend folder's internal/ holds its performance code (with the test that proves it): only that folder uses it.",
      severity: 'error',
      from: { path: '^backend/src/([^/]+)/' },
      to: { path: '^backend/src/([^/]+)/internal/', pathNot: '^backend/src/$1/' },
    },
    {
      name: 'only-entry-points-compose',
      comment:
        'backend/src/app/ composes the system: only entry points (main, the CLI, benchmarks) and test harnesses import it.',
      severity: 'error',
      from: {
        pathNot: ['^backend/src/app/', '^backend/src/main\\.ts$', '^backend/src/(cli|bench|testing)/', '\\.spec\\.ts$'],
      },
      to: { path: '^backend/src/app/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.spec\\.ts$', '/dist/', '\\.svelte-kit'] },
    tsConfig: { fileName: 'tsconfig.base.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
