import 'server-only';
import { getAuthSecret, getConfig } from '@/lib/config';
import { registerBootstrapApiKey } from './api-keys';
import { getPaymentContext } from './context';
import { ensureDemoLinks } from './demo-links';
import { describeMoney } from './money-format';

/**
 * Work done once when a server process starts, after the database is migrated: the configured
 * bootstrap API key, and in sandbox mode the demo payment links (printed so they can be clicked).
 */
export async function prepareInstallation(): Promise<void> {
  const config = getConfig();
  const ctx = await getPaymentContext();
  if (config.bootstrapApiKey) await registerBootstrapApiKey(ctx, config.bootstrapApiKey);
  if (config.mews.mode !== 'sandbox') return;
  try {
    const links = await ensureDemoLinks(ctx, getAuthSecret(config));
    const lines = links.map(
      ({ url, link }) => `  ${url}  ${link ? `${describeMoney(link.amountMinor, link.currency)}, ${link.state}` : ''}`,
    );
    // Printed for the person who ran `npm start`, next to the start script's own banner.
    process.stdout.write(['', 'Demo payment links (sandbox):', ...lines, ''].join('\n') + '\n');
  } catch (error) {
    ctx.log.warn({ err: error }, 'Demo payment links could not be created (is the sandbox running?)');
  }
}
