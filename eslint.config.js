// One lint config for the whole workspace (flat config; each package runs `eslint .`).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * The api's vertical slices (router -> service -> repository): only repositories and src/db build
 * queries (no value import of kysely elsewhere; a type-only import of the handle is allowed), and
 * services and repositories know nothing of tRPC. Flat config lets the last matching block win a
 * rule, so services, which match both, get both bans in one block.
 */
const KYSELY_BAN = {
  paths: [{ name: 'kysely', allowTypeImports: true, message: 'Only *.repository.ts and src/db/ build queries: call a repository.' }],
  patterns: [{ group: ['kysely/*'], allowTypeImports: true, message: 'Only *.repository.ts and src/db/ build queries: call a repository.' }],
};
const TRPC_BAN = { group: ['@trpc/*'], message: 'Services and repositories know nothing of tRPC: return a Result with a Failure (src/failure.ts).' };

function apiSliceRules() {
  const rule = '@typescript-eslint/no-restricted-imports';
  return [
    {
      files: ['apps/api/src/**/*.ts'],
      ignores: ['apps/api/src/**/*.repository.ts', 'apps/api/src/db/**'],
      rules: { [rule]: ['error', KYSELY_BAN] },
    },
    {
      files: ['apps/api/src/**/*.service.ts'],
      rules: { [rule]: ['error', { paths: KYSELY_BAN.paths, patterns: [...KYSELY_BAN.patterns, TRPC_BAN] }] },
    },
    {
      files: ['apps/api/src/**/*.repository.ts'],
      rules: { [rule]: ['error', { patterns: [TRPC_BAN] }] },
    },
  ];
}

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/data/**', '**/e2e/out/**', '**/*.mjs', '**/*.js', 'bench/results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  {
    // The domain core is pure: no I/O, no clock, no randomness, no framework.
    files: ['packages/shared/src/**/*.ts'],
    ignores: ['packages/shared/src/testing/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['kysely', 'pg', '@trpc/*', 'react', 'react-dom', 'leaflet', 'node:*', 'fastify'], message: 'packages/shared is pure: no I/O or framework imports.' },
        ],
      }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Pass time in as a parameter.' },
        { object: 'Math', property: 'random', message: 'Pass randomness in as a parameter.' },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'packages/shared does not read the environment.' }],
    },
  },
  ...apiSliceRules(),
  {
    // The web app talks to the api only through tRPC types.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: '@evmtrail/api', message: 'Import only `type AppRouter` from the api.', allowTypeImports: true }],
      }],
    },
  },
);
