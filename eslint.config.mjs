// Lint for the whole tree: ESLint's and typescript-eslint's recommended rules, Prettier for
// layout (eslint-config-prettier turns off the rules it owns), and the project's own rules.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'public/build/', 'data/', '.scratch/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        crypto: 'readonly',
        Response: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The clock rule (docs/decisions/0010-one-clock.md): only platform/time.ts reads the real date.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Take the clock you are given (Clock from src/platform/time.ts), not Date.now().',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Take the clock you are given (Clock from src/platform/time.ts), not new Date().',
        },
        {
          selector: "TSAsExpression MemberExpression[object.name='request'][property.name=/^(body|query|params)$/]",
          message: 'Read request input through a schema (parseForm, formFields, fieldText, urlIds, urlParams), not a cast.',
        },
      ],
    },
  },
  { files: ['src/platform/time.ts'], rules: { 'no-restricted-syntax': 'off' } },
  // The app never reaches into test support, nor into packages production does not install.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/test/**'], message: 'Test support lives under test/ and is never imported by the app.' },
            {
              group: [
                'fast-check',
                'playwright-core',
                'axe-core',
                'mailparser',
                'smtp-server',
                'ical.js',
                'read-excel-file',
                'tsx',
                'sass',
              ],
              message: 'A dev dependency: not installed in production.',
            },
          ],
        },
      ],
    },
  },
  // Migrations are written against Kysely<any>: the schema of their day, not today's.
  { files: ['src/db/migrations/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // Tests walk message catalogues and page objects whose shape is the point of the test.
  { files: ['**/*.test.ts', 'test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: ['public/static/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: { 'no-restricted-syntax': 'off' },
  },
);
