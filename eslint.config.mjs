import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Command-line tools and the sandbox talk to a terminal.
    files: ['lib/cli/**', 'lib/mews/spec/**', 'sandbox/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Layering: the Connector API's wire format stays inside lib/mews.
    files: ['app/**', 'components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/lib/mews/*'], message: 'Use the app-shaped functions exported from lib/payments or @/lib/mews.' },
            { group: ['@/lib/db/*'], message: 'Go through lib/payments for persistence.' },
          ],
        },
      ],
    },
  },
  globalIgnores([
    '.next/**',
    '.next-*/**',
    'node_modules/**',
    '.data/**',
    'coverage/**',
    'test-results/**',
    'playwright-report/**',
    'next-env.d.ts',
    'lib/mews/generated/**',
    'sandbox/secure-fields/**/*.js',
  ]),
]);
