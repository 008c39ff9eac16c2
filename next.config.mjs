import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets two checkouts of the app (or two test runs) build side by side without sharing a folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // `forbidden()` (app/staff/(office)/forbidden.tsx): a front-desk user opening a manager page
  // gets "Managers only" with HTTP 403, not a 200 page.
  experimental: { authInterrupts: true },
  // `npm run typecheck` checks the whole project (app, sandbox, tests) as its own step of `npm test`;
  // repeating it inside every build only slows the build down.
  typescript: { ignoreBuildErrors: true },
  // Native/WASM and worker-thread packages stay as Node modules instead of being bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pino', 'pino-pretty'],
  outputFileTracingIncludes: {
    '/**': ['./lib/db/migrations/**/*'],
  },
};

export default withNextIntl(nextConfig);
