/**
 * Runs once when a server process starts: fail fast on bad configuration and bring the database
 * schema up to date before the first request, instead of on it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig } = await import('@/lib/config');
  const { logger } = await import('@/lib/log');
  const config = getConfig();
  const { getDatabaseHandle } = await import('@/lib/db');
  const handle = await getDatabaseHandle();
  // prepareInstallation seeds the demo staff in sandbox mode and disables them in any other.
  const { prepareInstallation, prepareSharedState, startBackgroundWork } =
    await import('@/lib/payments/installation/start-up');
  await prepareSharedState();
  await prepareInstallation();
  startBackgroundWork();
  logger.info(
    {
      version: config.version,
      database: handle.kind,
      mews: config.mews.mode,
      platform: config.mews.platformUrl,
    },
    'Mews Checkout started',
  );
}
