/**
 * `npm run smoke -- --platform <url>`: runs the flows of Mews' payment guides that need no browser
 * against a Connector API (the offline sandbox, Mews demo, or production with the hotel's tokens)
 * and prints what worked and what Mews answered. Writes nothing but the table: no database, no
 * files. Exit code 1 when a step that must work failed, 2 for a usage error.
 *
 *   npm run smoke -- --platform https://api.mews-demo.com          # Mews' public demo tokens
 *   npm run smoke -- --platform https://api.mews.com --client-token … --access-token …
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadMewsConnection, MEWS_DEMO_TOKENS } from '@/lib/config';
import { runSmoke } from './smoke-run';

const USAGE = `Usage: npm run smoke -- [--platform <url>] [--client-token <token>] [--access-token <token>] [--enterprise-id <uuid>]

Defaults come from MEWS_PLATFORM_URL, MEWS_CLIENT_TOKEN, MEWS_ACCESS_TOKEN and MEWS_ENTERPRISE_ID.
Against the offline sandbox and Mews demo, missing tokens default to Mews' public demo tokens.`;

function usageError(message: string): never {
  console.error(message);
  console.error(USAGE);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        platform: { type: 'string' },
        'client-token': { type: 'string' },
        'access-token': { type: 'string' },
        'enterprise-id': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const flag = (name: string) => {
    const value = values[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };

  // Flags win over the environment; both go through the app's own validation (lib/config.ts).
  let connection;
  try {
    connection = loadMewsConnection({
      ...process.env,
      ...(flag('platform') ? { MEWS_PLATFORM_URL: flag('platform') } : {}),
      ...(flag('client-token') ? { MEWS_CLIENT_TOKEN: flag('client-token') } : {}),
      ...(flag('access-token') ? { MEWS_ACCESS_TOKEN: flag('access-token') } : {}),
      ...(flag('enterprise-id') ? { MEWS_ENTERPRISE_ID: flag('enterprise-id') } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) usageError(error.message);
    throw error;
  }

  let { clientToken, accessToken } = connection;
  if (!clientToken || !accessToken) {
    if (connection.mode !== 'sandbox' && connection.mode !== 'demo') {
      usageError(
        `--client-token and --access-token (or MEWS_CLIENT_TOKEN and MEWS_ACCESS_TOKEN) are required for ${connection.platformUrl}.`,
      );
    }
    clientToken ??= MEWS_DEMO_TOKENS.clientToken;
    accessToken ??= MEWS_DEMO_TOKENS.grossAccessToken;
    console.log("Using Mews' public demo tokens (Gross pricing enterprise).");
  }
  if (connection.mode === 'production') {
    console.log(
      'Production Mews: the run records one external payment of one minor unit on a customer "Smoke Test Mews Checkout"; reverse it in Mews if the property wants.',
    );
  }
  console.log(`Smoke run against ${connection.platformUrl} (${connection.mode})\n`);

  const report = await runSmoke({
    platformUrl: connection.platformUrl,
    clientToken,
    accessToken,
    enterpriseId: connection.enterpriseId,
    clientName: connection.clientName,
  });
  // Explicitly: kept-alive Connector API connections would hold the process a few seconds more.
  process.exit(report.ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
