import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'tests/support/empty-module.ts'),
    },
  },
  test: {
    environment: 'node',
    // In CI every test is listed, so the log shows the repository suite ran on PGlite and PostgreSQL.
    reporters: process.env.CI ? ['verbose'] : ['default'],
    include: [
      'tests/unit/**/*.test.{ts,tsx}',
      'tests/integration/**/*.test.{ts,tsx}',
      'tests/db/**/*.test.ts',
      'tests/reliability/**/*.test.ts',
    ],
    globalSetup: ['tests/support/vitest-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
  },
});
