// ESLint: typescript-eslint's strict, type-aware rules on every TypeScript file, and eslint-plugin-svelte
// on the dashboard's components. Prettier owns formatting, so no stylistic rules here.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Build and test outputs, wherever a workspace puts them: a fresh clone after `npm run build`
    // (and a test run) must lint exactly the tracked sources.
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/build/',
      '**/.svelte-kit/',
      '**/.tsbuild/',
      '**/*.tsbuildinfo',
      '**/coverage/',
      '**/.data/',
      '**/.test-data/',
      '**/artifacts/',
      '**/test-results/',
      '**/playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      // Numbers (and bigints) print unambiguously in messages, SQL identifiers and test names;
      // everything else (nullable values, objects, arrays) must be turned into text on purpose.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `onclick={() => doSomething()}` and `.then(() => resolve())` are the idiomatic shorthand for
      // a callback whose result is ignored. `case 'X': return applyX(...)` in a function typed to return
      // void is the exhaustive-switch idiom of the projections; void used as a value is still flagged.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      // `const { [key]: _, ...rest } = object` is how a copy without one key is written.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // A Nest module is a class its @Module decorator describes: empty, or with only a static
      // forRoot() building the dynamic module, is how Nest declares one. Undecorated classes are still checked.
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
    },
  },
  {
    files: ['dashboard/src/**/*.svelte', 'dashboard/src/**/*.svelte.ts', 'dashboard/src/**/*.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      // Of dashboard/svelte.config.js the Svelte parser reads only `compilerOptions.runes`; that file
      // turns runes on for our own components through a function, which ESLint's cache cannot
      // serialize, so the same setting is stated here as data.
      parserOptions: { parser: tseslint.parser, svelteConfig: { compilerOptions: { runes: true } } },
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
