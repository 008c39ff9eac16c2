import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookEvents } from '@/lib/db/schema';
import type { PaymentContext } from '@/lib/server/context';
import { receiveMewsWebhook } from '@/lib/payments/reconciliation/webhooks';
import { openTestPaymentContext } from '../support/payment-context';
import type { TestDatabase } from '../support/test-database';

/**
 * The webhook receiver is the one endpoint anyone on the internet can reach without a session:
 * whatever arrives, it answers 4xx (or 202 for a real Mews message) and never stores junk.
 */

const SECRET = 'fuzz-webhook-secret-0123456789abcdef';
let database: TestDatabase;
let ctx: PaymentContext;

beforeAll(async () => {
  // No Mews client: receiving only stores, so any call to Mews would be a bug.
  ({ ctx, database } = await openTestPaymentContext());
});

afterAll(async () => {
  await database?.close();
});

async function storedEvents(): Promise<number> {
  const [row] = await database.db.select({ count: sql<number>`count(*)::int` }).from(webhookEvents);
  return row?.count ?? 0;
}

const junkJson = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string(),
  fc
    .record({
      Events: fc.oneof(
        fc.string(),
        fc.array(fc.anything(), { maxLength: 5 }),
        fc.dictionary(fc.string(), fc.string()),
      ),
    })
    .map((v) => JSON.stringify(v)),
  fc
    .record({
      Events: fc.array(
        fc.record({
          Discriminator: fc.oneof(fc.constant(''), fc.string({ minLength: 101 }), fc.integer()),
          Value: fc.anything(),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map((v) => JSON.stringify(v)),
);

describe('webhook receiver under bad input', () => {
  it('answers 4xx to junk bodies, wrong secrets and wrong content types, and stores nothing', async () => {
    const before = await storedEvents();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        junkJson,
        fc.oneof(fc.constant(SECRET), fc.constant(null), fc.string()),
        fc.constantFrom(
          'application/json',
          'text/plain',
          null,
          'application/json; charset=utf-8',
          'multipart/form-data',
        ),
        async (body, secret, contentType) => {
          const receipt = await receiveMewsWebhook(async () => ctx, {
            configuredSecret: SECRET,
            providedSecret: secret,
            contentType,
            body,
          });
          statuses.set(receipt.status, (statuses.get(receipt.status) ?? 0) + 1);
          if (receipt.status === 202) {
            // Only a well-formed message with the right secret gets in; generated ones hold no
            // valid event (at most an empty list), so nothing is stored.
            expect(secret).toBe(SECRET);
            expect(receipt.storedEventIds).toEqual([]);
            return;
          }
          expect(receipt.status).toBeGreaterThanOrEqual(400);
          expect(receipt.status).toBeLessThan(500);
          expect(receipt.body.error?.message).toBeTruthy();
        },
      ),
      { numRuns: 300 },
    );
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    expect(await storedEvents()).toBe(before);
  });

  it('refuses a body over 1 MB and one with more events than any Mews message has', async () => {
    const huge = await receiveMewsWebhook(async () => ctx, {
      configuredSecret: SECRET,
      providedSecret: SECRET,
      contentType: 'application/json',
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(huge.status).toBe(413);
    const many = JSON.stringify({
      Events: Array.from({ length: 5001 }, (_, i) => ({
        Discriminator: 'PaymentUpdated',
        Value: { Id: String(i) },
      })),
    });
    expect(
      (
        await receiveMewsWebhook(async () => ctx, {
          configuredSecret: SECRET,
          providedSecret: SECRET,
          contentType: 'application/json',
          body: many,
        })
      ).status,
    ).toBe(400);
  });

  it('is off (404) when no secret is configured, whatever is sent', async () => {
    const receipt = await receiveMewsWebhook(async () => ctx, {
      configuredSecret: undefined,
      providedSecret: '',
      contentType: 'application/json',
      body: '{"Events":[]}',
    });
    expect(receipt.status).toBe(404);
  });
});
