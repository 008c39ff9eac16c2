'use server';

/**
 * The least a card payment must do, as a server action: the floor of the overhead budget.
 *
 * NEVER PART OF THE APP. It charges a card with no validation, no rate limit, no idempotency and
 * no audit trail. The bench copies it into a throwaway copy of the sources under the system's
 * temporary folder and builds that copy (`support/least-payment-build.ts`); the app's own build
 * never contains it, because nothing under `app/` imports it.
 *
 * What it keeps is what no payment can go without: the link read from our ledger with the
 * attempt written before Mews is called (one prepared statement), the three Connector API calls
 * of a new-card charge over the same kept-alive HTTP client as the app, and the outcome written
 * back (one prepared statement). Whatever the real pay action costs above this is ours to cut;
 * what this costs is the framework's, the database's and the machine's.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { bigint, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { preparedOnce } from '@/lib/db/prepared-statements';
import { paymentLinks } from '@/lib/db/schema';
import { nodeHttpSend } from '@/lib/mews/http-client';
import { hashLinkToken } from '@/lib/payments/links/link-token';

const leastPayments = pgTable('bench_least_payments', {
  id: uuid('id').primaryKey(),
  linkId: uuid('link_id').notNull(),
  customerId: uuid('customer_id').notNull(),
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
  currency: text('currency').notNull(),
  state: text('state').notNull(),
  paymentId: uuid('payment_id'),
});

let tableCreated: Promise<unknown> | undefined;

interface ConnectorAnswer {
  CreditCardId?: string;
  PaymentId?: string;
  Payments?: { State: string }[];
}

async function callConnector(operation: string, payload: object): Promise<ConnectorAnswer> {
  const { platformUrl, clientToken, accessToken, clientName } = getConfig().mews;
  const response = await nodeHttpSend(`${platformUrl}/api/connector/v1/${operation}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      ClientToken: clientToken,
      AccessToken: accessToken,
      Client: clientName,
      ...payload,
    }),
    signal: new AbortController().signal,
  });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`${operation} answered ${response.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as ConnectorAnswer;
}

export async function payLinkLeastPossible(input: {
  token: string;
  transactionId: string;
}): Promise<{ state: string }> {
  const db = await getDb();
  tableCreated ??= db.execute(
    sql`create table if not exists bench_least_payments (id uuid primary key, link_id uuid not null, customer_id uuid not null, amount_minor bigint not null, currency text not null, state text not null, payment_id uuid)`,
  );
  await tableCreated;
  const open = preparedOnce(db, 'bench_least_payment_open', () =>
    db
      .insert(leastPayments)
      .select(
        db
          .select({
            id: sql<string>`${sql.placeholder('id')}::uuid`.as('id'),
            linkId: paymentLinks.id,
            customerId: paymentLinks.mewsCustomerId,
            amountMinor: paymentLinks.amountMinor,
            currency: sql<string>`${paymentLinks.currency}::text`.as('currency'),
            state: sql<string>`'processing'`.as('state'),
            paymentId: sql<string | null>`null::uuid`.as('payment_id'),
          })
          .from(paymentLinks)
          .where(eq(paymentLinks.tokenHash, sql.placeholder('tokenHash'))),
      )
      .returning()
      .prepare('bench_least_payment_open'),
  );
  const settle = preparedOnce(db, 'bench_least_payment_settle', () =>
    db
      .update(leastPayments)
      .set({
        state: sql.placeholder('state') as unknown as string,
        paymentId: sql.placeholder('paymentId') as unknown as string,
      })
      .where(eq(leastPayments.id, sql.placeholder('id')))
      .prepare('bench_least_payment_settle'),
  );

  const id = randomUUID();
  const [attempt] = await open.execute({ id, tokenHash: hashLinkToken(input.token) });
  if (!attempt) throw new Error('no such link');
  const { CreditCardId } = await callConnector('creditCards/addTokenized', {
    CustomerId: attempt.customerId,
    CreditCardData: { StorageData: input.transactionId, Expiration: '2030-12' },
  });
  const { PaymentId } = await callConnector('creditCards/charge', {
    CreditCardId,
    Amount: { Currency: attempt.currency, GrossValue: attempt.amountMinor / 100 },
    ReceiptIdentifier: id,
  });
  const { Payments } = await callConnector('payments/getAll', {
    PaymentIds: [PaymentId],
    Limitation: { Count: 1 },
  });
  const state = Payments?.[0]?.State ?? 'Unknown';
  await settle.execute({ id, state, paymentId: PaymentId });
  return { state };
}
