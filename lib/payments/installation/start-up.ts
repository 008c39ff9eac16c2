import 'server-only';
import { randomBytes } from 'node:crypto';
import { settleDemoStaff } from '@/lib/auth/demo-staff';
import { adoptInstallationAuthSecret, getAuthSecret, getConfig } from '@/lib/config';
import { getDatabaseHandle } from '@/lib/db';
import { settleInstallationSetting } from '@/lib/db/installation-settings';
import { installSharedRateLimiter, MEWS_RATE_LIMIT, SlidingWindowRateLimiter } from '@/lib/mews';
import { registerBootstrapApiKey } from '@/lib/payments/links/api-keys';
import { getPaymentContext } from '@/lib/server/context';
import { ensureDemoLinks } from '@/lib/payments/links/demo-links';
import { formatAmount } from '@/lib/money';
import { startReconciliationSchedule } from '@/lib/payments/reconciliation/schedule';
import { startEmailSchedule } from '@/lib/payments/email/sender';
import { startReminderSchedule } from '@/lib/payments/email/reminders';
import { logger } from '@/lib/log';
import type { PaymentContext } from '@/lib/server/context';
import { DatabaseRateLimiter } from './database-rate-limiter';
import { refreshOperationPermissions } from './operation-permissions';

/** The app must not start: the message is one line saying what to change. */
export class StartUpRefusal extends Error {
  override name = 'StartUpRefusal';
}

/**
 * What the app must know about its Mews connection before it takes payments:
 * - a portfolio access token without `MEWS_ENTERPRISE_ID` would act for the portfolio's
 *   placeholder enterprise (`configuration/get` answers it with `IsPortfolio: true`, reference
 *   §1.3): refused with one line, the app does not start;
 * - which payment writes Mews grants this connection (`operation-permissions.ts`): probed in the
 *   background, so a slow Mews does not hold the start-up.
 * Mews being unreachable at start is no reason to refuse: it is logged and checked again later.
 */
export async function checkMewsConnection(
  ctx: PaymentContext,
  enterpriseId: string | undefined,
): Promise<void> {
  let configuration;
  try {
    configuration = await ctx.mews.getConfiguration();
  } catch (error) {
    ctx.log.warn(
      { err: error },
      'Mews could not be read at start; the portfolio and permission checks wait for it',
    );
    return;
  }
  if (configuration.isPortfolio && !enterpriseId) {
    throw new StartUpRefusal(
      `MEWS_ACCESS_TOKEN is a portfolio access token ("${configuration.enterprise.name}"): set MEWS_ENTERPRISE_ID to the id of the property this installation takes payments for.`,
    );
  }
  void refreshOperationPermissions(ctx);
}

/**
 * What must be shared before the first request when instances share one PostgreSQL: the Mews rate
 * limit is counted in the database, and without AUTH_SECRET all instances sign sessions with one
 * secret stored there. PGlite is one process by construction, so its limiter stays in memory. Both
 * count to MEWS_RATE_LIMIT.
 */
export async function prepareSharedState(): Promise<void> {
  const config = getConfig();
  const handle = await getDatabaseHandle();
  const rule = { limit: config.mews.requestsPer30Seconds, windowMs: MEWS_RATE_LIMIT.windowMs };
  if (handle.kind !== 'postgres') {
    installSharedRateLimiter(new SlidingWindowRateLimiter(rule));
    return;
  }
  installSharedRateLimiter(new DatabaseRateLimiter(handle.db, rule));
  if (!config.authSecret) {
    adoptInstallationAuthSecret(
      await settleInstallationSetting(
        handle.db,
        'auth_secret',
        randomBytes(48).toString('base64url'),
      ),
    );
  }
}

const globalForBackground = globalThis as unknown as { mewsCheckoutNoMailLogged?: boolean };

/**
 * The reconciler's schedule, the e-mail sender's and the reminders'; every instance runs all
 * three. A database lease lets one reconciler (and one reminder pass) work at a time; the outbox's
 * per-row leases let every sender work at once without two taking the same e-mail. With no SMTP
 * server configured nothing is e-mailed: the outbox keeps what is queued (receipts, by the
 * database's triggers), and it goes out once a server is configured.
 */
export function startBackgroundWork(): void {
  const config = getConfig();
  startReconciliationSchedule(getPaymentContext, config.reconcileIntervalMs);
  if (!config.mail) {
    if (!globalForBackground.mewsCheckoutNoMailLogged) {
      globalForBackground.mewsCheckoutNoMailLogged = true;
      logger.info('No SMTP_URL configured: e-mails to guests stay queued and are not sent');
    }
    return;
  }
  startEmailSchedule(getPaymentContext, config.mail.sendIntervalMs, {
    mail: { from: config.mail.from, messageIdDomain: config.mail.messageIdDomain },
  });
  startReminderSchedule(getPaymentContext, config.mail.reminderIntervalMs);
}

/**
 * Work done once when a server process starts, after the database is migrated: the demo staff
 * (seeded in sandbox mode; in any other mode the seeded ones are disabled, their sessions ended,
 * and the start-up log says so), the configured bootstrap API key, and in sandbox mode the demo
 * payment links (printed so they can be clicked).
 */
export async function prepareInstallation(): Promise<void> {
  const config = getConfig();
  const ctx = await getPaymentContext();
  // Public demo credentials must never work next to a real Mews platform.
  await settleDemoStaff(ctx, config.mews.mode);
  if (config.bootstrapApiKey) await registerBootstrapApiKey(ctx, config.bootstrapApiKey);
  await checkMewsConnection(ctx, config.mews.enterpriseId);
  if (config.mews.mode !== 'sandbox') return;
  try {
    // What the links are made of comes from the sandbox itself (its control API), never its code.
    const links = await ensureDemoLinks(ctx, getAuthSecret(config), config.mews.platformUrl);
    const lines = links.map(
      ({ url, link }) =>
        `  ${url}  ${link ? `${formatAmount(link.amountMinor, link.currency)}, ${link.state}` : ''}`,
    );
    // Printed for the person who ran `npm start`, next to the start script's own banner.
    process.stdout.write(['', 'Demo payment links (sandbox):', ...lines, ''].join('\n') + '\n');
  } catch (error) {
    ctx.log.warn(
      { err: error },
      'Demo payment links could not be created (is the sandbox running?)',
    );
  }
}
