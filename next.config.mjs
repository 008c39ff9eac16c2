/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native/WASM and worker-thread packages stay as Node modules instead of being bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pino', 'pino-pretty'],
  outputFileTracingIncludes: {
    '/**': ['./lib/db/migrations/**/*'],
  },
};

export default nextConfig;
