/**
 * Runs once before the Vitest suites. Each integration suite starts what it needs itself
 * (a sandbox on a free port, a PGlite database in a temp folder), so there is nothing shared here
 * yet beyond making sure no suite talks to a real Mews environment by accident.
 */
export default function setup(): void {
  delete process.env.MEWS_PLATFORM_URL;
  delete process.env.MEWS_CLIENT_TOKEN;
  delete process.env.MEWS_ACCESS_TOKEN;
}
