/**
 * Portfolio access tokens (issue 21, item 7). `SANDBOX_TOKENS.portfolio` reaches London and the
 * Dutch hotel; without `EnterpriseId`, `configuration/get` answers the portfolio's placeholder
 * enterprise (`IsPortfolio: true`). The app must refuse to start on it without MEWS_ENTERPRISE_ID
 * (one clear line), start with it, and ignore webhook events of the portfolio's other hotel.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookEvents } from '@/lib/db/schema';
import { createMewsClient } from '@/lib/mews';
import { checkMewsConnection, StartUpRefusal } from '@/lib/payments/installation/start-up';
import { getOperationPermissions } from '@/lib/payments/installation/operation-permissions';
import {
  processDueWebhookEvents,
  receiveMewsWebhook,
} from '@/lib/payments/reconciliation/webhooks';
import type { PaymentContext } from '@/lib/server/context';
import {
  captureLog,
  createTestPaymentContext,
  type LogCapture,
} from '../../support/payment-context';
import { SANDBOX_TOKENS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { openTestPglite, type TestDatabase } from '../../support/test-database';

const LONDON = SEED.enterprises.gross;
const DUTCH = SEED.enterprises.dutch;
const SECRET = 'portfolio-webhook-secret-0123456789';

let sandbox: TestSandbox;
let database: TestDatabase;

function portfolioContext(enterpriseId: string | undefined, log?: LogCapture): PaymentContext {
  return createTestPaymentContext(database, {
    mews: createMewsClient({
      platformUrl: sandbox.url,
      clientToken: SANDBOX_TOKENS.clientToken,
      accessToken: SANDBOX_TOKENS.portfolio,
      clientName: 'Mews Checkout portfolio tests',
      version: '0.0.0',
      enterpriseId,
    }),
    log: log?.log,
  });
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  database = await openTestPglite();
});

afterAll(async () => {
  await database?.close();
  await sandbox?.stop();
});

describe('start-up with a portfolio token', () => {
  it('refuses to start without MEWS_ENTERPRISE_ID, in one line that says what to set', async () => {
    const ctx = portfolioContext(undefined);
    expect((await ctx.mews.getConfiguration()).isPortfolio).toBe(true);
    const refusal = await checkMewsConnection(ctx, undefined).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StartUpRefusal);
    const message = (refusal as Error).message;
    expect(message).toContain('MEWS_ENTERPRISE_ID');
    expect(message).toContain('portfolio');
    expect(message).not.toContain('\n');
  });

  it('starts with MEWS_ENTERPRISE_ID, acting for that hotel', async () => {
    const ctx = portfolioContext(LONDON.id);
    await expect(checkMewsConnection(ctx, LONDON.id)).resolves.toBeUndefined();
    const configuration = await ctx.mews.getConfiguration();
    expect(configuration).toMatchObject({ isPortfolio: false, enterprise: { id: LONDON.id } });
    // The permission check started in the background; let it finish on this database.
    expect((await getOperationPermissions(ctx)).tokenProblem).toBeNull();
  });

  it('does not refuse a single-enterprise token (IsPortfolio false)', async () => {
    const ctx = createTestPaymentContext(database, { sandbox });
    await expect(checkMewsConnection(ctx, undefined)).resolves.toBeUndefined();
    await getOperationPermissions(ctx);
  });
});

describe('webhooks on a portfolio integration', () => {
  async function deliver(ctx: PaymentContext, enterpriseId: string, paymentId: string) {
    const receipt = await receiveMewsWebhook(async () => ctx, {
      configuredSecret: SECRET,
      providedSecret: SECRET,
      contentType: 'application/json',
      body: JSON.stringify({
        EnterpriseId: enterpriseId,
        IntegrationId: randomUUID(),
        Events: [{ Discriminator: 'PaymentUpdated', Value: { Id: paymentId } }],
      }),
    });
    expect(receipt.status).toBe(202);
    return receipt.storedEventIds;
  }

  it('ignores, counts and logs an event of the other hotel, and never reads or applies it', async () => {
    const log = captureLog();
    const ctx = portfolioContext(LONDON.id, log);
    const dutch = createMewsClient({
      platformUrl: sandbox.url,
      clientToken: SANDBOX_TOKENS.clientToken,
      accessToken: SANDBOX_TOKENS.dutch,
      clientName: 'Mews Checkout portfolio tests',
      version: '0.0.0',
    });
    const { paymentId } = await dutch.recordExternalPayment({
      accountId: SEED.customers.bram.id,
      amount: { amountMinor: 1_000, currency: 'EUR' },
      type: 'Cash',
    });
    const ids = await deliver(ctx, DUTCH.id, paymentId);
    await sandbox.control.clearRequests();

    const result = await processDueWebhookEvents(ctx, ids);
    expect(result).toMatchObject({ ignored: 1, processed: 0, deferred: 0 });
    const reads = await sandbox.control.requests('payments/getAll');
    expect(reads.filter((entry) => JSON.stringify(entry.request).includes(paymentId))).toHaveLength(
      0,
    );
    const [row] = await database.db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.id, ids[0]!));
    expect(row).toMatchObject({ state: 'unmatched', paymentAttemptId: null });
    expect(log.messages('warn')).toContain('Webhook event of another enterprise ignored');
  });

  it('still processes an event of its own hotel', async () => {
    const ctx = portfolioContext(LONDON.id);
    const { paymentId } = await ctx.mews.recordExternalPayment({
      accountId: SEED.customers.dan.id,
      amount: { amountMinor: 1_000, currency: 'GBP' },
      type: 'Cash',
    });
    const ids = await deliver(ctx, LONDON.id, paymentId);
    const result = await processDueWebhookEvents(ctx, ids);
    // Not taken through the app, so no attempt of ours: unmatched, but read and not ignored.
    expect(result).toMatchObject({ ignored: 0, unmatched: 1 });
  });
});
