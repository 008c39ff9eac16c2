import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { findPaymentAttempt, findPaymentAttemptByMewsPaymentId } from '@/lib/db/payment-attempts';
import {
  completeWebhookEvent,
  deferWebhookEvent,
  listDueWebhookEvents,
  storeWebhookEvents,
} from '@/lib/db/webhook-events';
import type { WebhookEvent } from '@/lib/db/schema';
import type { MewsPayment } from '@/lib/mews';
import type { PaymentContext } from '@/lib/server/context';
import { readBodyUpTo } from '@/lib/server/request';
import { applyMewsPayment } from '@/lib/payments/ledger/ledger';
import { settleCheckoutPayment } from '@/lib/payments/checkout/requests';

/**
 * Mews general webhooks (reference §3.1): ids only, authenticated by a secret in the URL, to be
 * answered within 5 s, retried by Mews "after a few minutes", possibly duplicated, reordered or
 * minutes late. So the receiver only stores the events durably and answers; an event is a trigger
 * to re-read the payment from Mews, never a state to believe. Processing happens right after the
 * answer and again from the reconciler for anything that failed.
 */

/** A webhook message holds up to "hundreds" of events; anything far beyond that is not Mews. */
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_EVENTS = 5_000;
/** A payment Mews announced but does not return yet is retried this many times, then parked. */
const MAX_PROCESSING_ATTEMPTS = 8;

const mewsWebhookSchema = z.looseObject({
  EnterpriseId: z.string().max(100).nullish(),
  IntegrationId: z.string().max(100).nullish(),
  Events: z
    .array(
      z.looseObject({
        Discriminator: z.string().min(1).max(100),
        Value: z.looseObject({ Id: z.string().min(1).max(100) }),
      }),
    )
    .max(MAX_EVENTS),
});

export interface WebhookReceipt {
  status: 202 | 400 | 401 | 404 | 413 | 415 | 503;
  body: { ok: boolean; stored?: number; error?: { code: string; message: string } };
  /** Rows to process once the answer is sent. */
  storedEventIds: string[];
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time comparison; hashing first makes the lengths equal so nothing leaks through timing. */
export function webhookSecretMatches(configured: string, provided: string | null): boolean {
  if (provided === null) return false;
  return timingSafeEqual(digest(configured), digest(provided));
}

function refusal(status: WebhookReceipt['status'], code: string, message: string): WebhookReceipt {
  return { status, body: { ok: false, error: { code, message } }, storedEventIds: [] };
}

/**
 * Checks and stores one webhook message. 202 only once every event is in the database; a database
 * failure answers 503 so Mews delivers the message again later.
 */
export async function receiveMewsWebhook(
  getContext: () => Promise<PaymentContext>,
  request: {
    configuredSecret: string | undefined;
    providedSecret: string | null;
    contentType: string | null;
    /** `null` when reading stopped at the size limit (see `readWebhookBody`). */
    body: string | null;
  },
): Promise<WebhookReceipt> {
  if (!request.configuredSecret)
    return refusal(404, 'not_found', 'Webhooks are not enabled on this installation');
  if (!webhookSecretMatches(request.configuredSecret, request.providedSecret)) {
    return refusal(401, 'unauthenticated', 'Unknown webhook secret');
  }
  if (request.contentType && !/^application\/json\b/i.test(request.contentType)) {
    return refusal(415, 'unsupported_media_type', 'Send the webhook as application/json');
  }
  if (request.body === null || Buffer.byteLength(request.body, 'utf8') > MAX_BODY_BYTES) {
    return refusal(413, 'too_large', 'The webhook message is larger than 1 MB');
  }
  let json: unknown;
  try {
    json = JSON.parse(request.body);
  } catch {
    return refusal(400, 'invalid_json', 'The webhook body is not valid JSON');
  }
  const parsed = mewsWebhookSchema.safeParse(json);
  if (!parsed.success) {
    return refusal(
      400,
      'invalid_input',
      `Not a Mews webhook message: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  const enterpriseId = parsed.data.EnterpriseId ?? null;
  const events = parsed.data.Events.map((event) => ({
    discriminator: event.Discriminator,
    entityId: event.Value.Id,
    enterpriseId,
  }));
  let ctx: PaymentContext | undefined;
  try {
    ctx = await getContext();
    const storedEventIds = await storeWebhookEvents(ctx.db, events);
    return { status: 202, body: { ok: true, stored: storedEventIds.length }, storedEventIds };
  } catch (error) {
    ctx?.log.error({ err: error, events: events.length }, 'Webhook events could not be stored');
    return refusal(503, 'unavailable', 'Could not store the events; deliver them again later');
  }
}

/** The body of a webhook request, or `null` when it is larger than any Mews message. */
export async function readWebhookBody(request: Request): Promise<string | null> {
  return (await readBodyUpTo(request, MAX_BODY_BYTES))?.toString('utf8') ?? null;
}

export interface WebhookProcessingResult {
  processed: number;
  unmatched: number;
  deferred: number;
  /**
   * Events of another enterprise (a portfolio integration's webhook covers every property in it):
   * acknowledged as `unmatched`, never applied.
   */
  ignored: number;
}

/**
 * Processes stored events that are due (or exactly `ids`): one `payments/getAll` for the batch,
 * then each payment goes through the one settle path. Safe to run on several instances at once
 * and in any order: settling only moves forward and only one caller completes each event.
 */
export async function processDueWebhookEvents(
  ctx: PaymentContext,
  ids?: string[],
): Promise<WebhookProcessingResult> {
  const result: WebhookProcessingResult = { processed: 0, unmatched: 0, deferred: 0, ignored: 0 };
  for (let batches = 0; batches < 20; batches++) {
    const events = await listDueWebhookEvents(ctx.db, 200, ids);
    if (events.length === 0) break;
    await processBatch(ctx, events, result);
    if (ids) break;
  }
  return result;
}

/**
 * Sets aside the events of other enterprises: a portfolio token's webhooks (and a payment read
 * back through it) may be about any property of the portfolio, and only ours may move our ledger.
 * Returns the events that are ours, or `null` when our enterprise cannot be read (then nothing is
 * decided and the batch waits).
 */
async function ownEnterpriseEvents(
  ctx: PaymentContext,
  events: WebhookEvent[],
  result: WebhookProcessingResult,
): Promise<{ own: WebhookEvent[]; enterpriseId: string } | null> {
  let enterpriseId: string;
  try {
    enterpriseId = (await ctx.mews.getConfiguration()).enterprise.id;
  } catch (error) {
    for (const event of events) await deferWebhookEvent(ctx.db, event.id, errorMessage(error));
    result.deferred += events.length;
    return null;
  }
  const own: WebhookEvent[] = [];
  const foreign: WebhookEvent[] = [];
  for (const event of events) {
    if (event.enterpriseId && event.enterpriseId !== enterpriseId) foreign.push(event);
    else own.push(event);
  }
  for (const event of foreign) await ignoreForeignEvent(ctx, event, event.enterpriseId, result);
  return { own, enterpriseId };
}

async function ignoreForeignEvent(
  ctx: PaymentContext,
  event: WebhookEvent,
  enterpriseId: string | null,
  result: WebhookProcessingResult,
): Promise<void> {
  if (!(await completeWebhookEvent(ctx.db, event.id, 'unmatched', null))) return;
  result.ignored += 1;
  ctx.log.warn(
    {
      eventId: event.id,
      discriminator: event.discriminator,
      entityId: event.entityId,
      enterpriseId,
    },
    'Webhook event of another enterprise ignored',
  );
}

async function processBatch(
  ctx: PaymentContext,
  batch: WebhookEvent[],
  result: WebhookProcessingResult,
) {
  const ours = await ownEnterpriseEvents(ctx, batch, result);
  if (!ours) return;
  const events = ours.own;
  const paymentEvents = events.filter((event) => event.discriminator === 'PaymentUpdated');
  for (const event of events) {
    // We subscribe to payments only; anything else is acknowledged and kept for the record.
    if (
      event.discriminator !== 'PaymentUpdated' &&
      (await completeWebhookEvent(ctx.db, event.id, 'processed', null))
    ) {
      result.processed += 1;
    }
  }
  if (paymentEvents.length === 0) return;

  let payments: MewsPayment[];
  try {
    payments = await ctx.mews.getPayments({
      paymentIds: paymentEvents.map((event) => event.entityId),
    });
  } catch (error) {
    for (const event of paymentEvents)
      await deferWebhookEvent(ctx.db, event.id, errorMessage(error));
    result.deferred += paymentEvents.length;
    return;
  }
  const byId = new Map(payments.map((payment) => [payment.id, payment]));
  for (const event of paymentEvents) {
    try {
      const payment = byId.get(event.entityId);
      if (!payment) {
        // Mews announced it, so it exists: it may not be readable yet. Parked after a few tries.
        if (event.processingAttempts + 1 >= MAX_PROCESSING_ATTEMPTS) {
          if (await completeWebhookEvent(ctx.db, event.id, 'unmatched', null))
            result.unmatched += 1;
        } else {
          await deferWebhookEvent(ctx.db, event.id, 'Payment not found in Mews yet');
          result.deferred += 1;
        }
        continue;
      }
      if (payment.enterpriseId && payment.enterpriseId !== ours.enterpriseId) {
        // The message said nothing (or lied) about the enterprise; the payment itself tells.
        await ignoreForeignEvent(ctx, event, payment.enterpriseId, result);
        continue;
      }
      const attempt =
        (await findPaymentAttemptByMewsPaymentId(ctx.db, payment.id)) ??
        (payment.attemptId ? await findPaymentAttempt(ctx.db, payment.attemptId) : undefined);
      // A payment Mews Payments Checkout made for one of our requests: recorded by the request.
      if (!attempt && (await settleCheckoutPayment(ctx, payment))) {
        const recorded = await findPaymentAttemptByMewsPaymentId(ctx.db, payment.id);
        if (await completeWebhookEvent(ctx.db, event.id, 'processed', recorded?.id ?? null))
          result.processed += 1;
        continue;
      }
      if (!attempt || (attempt.mewsPaymentId && attempt.mewsPaymentId !== payment.id)) {
        if (attempt) {
          ctx.log.error(
            {
              attemptId: attempt.id,
              paymentId: payment.id,
              ledgerPaymentId: attempt.mewsPaymentId,
            },
            'Mews has a second payment for one attempt',
          );
        }
        // Not ours (taken in Mews itself), or a duplicate: the drift report lists it for a person.
        if (await completeWebhookEvent(ctx.db, event.id, 'unmatched', attempt?.id ?? null))
          result.unmatched += 1;
        continue;
      }
      await applyMewsPayment(ctx, attempt, payment, { type: 'system' });
      if (await completeWebhookEvent(ctx.db, event.id, 'processed', attempt.id))
        result.processed += 1;
    } catch (error) {
      await deferWebhookEvent(ctx.db, event.id, errorMessage(error)).catch(() => undefined);
      result.deferred += 1;
      ctx.log.warn({ err: error, eventId: event.id }, 'Webhook event could not be processed');
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
