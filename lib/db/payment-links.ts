import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from './client';
import { paymentLinks, type PaymentLink, type PaymentLinkState } from './schema';

export type NewPaymentLink = Omit<
  typeof paymentLinks.$inferInsert,
  'id' | 'state' | 'createdAt' | 'updatedAt' | 'paidAt' | 'canceledAt'
>;

export async function createPaymentLink(db: Database, input: NewPaymentLink): Promise<PaymentLink> {
  const [row] = await db.insert(paymentLinks).values(input).returning();
  if (!row) throw new Error('Payment link insert returned nothing');
  return row;
}

export async function findPaymentLinkByTokenHash(
  db: Database,
  tokenHash: string,
): Promise<PaymentLink | undefined> {
  const [row] = await db
    .select()
    .from(paymentLinks)
    .where(eq(paymentLinks.tokenHash, tokenHash))
    .limit(1);
  return row;
}

export async function findPaymentLink(db: Database, id: string): Promise<PaymentLink | undefined> {
  const [row] = await db.select().from(paymentLinks).where(eq(paymentLinks.id, id)).limit(1);
  return row;
}

/** The column changes of a link moving to `to`, with the moments that go with it. */
export function linkStateChange(to: PaymentLinkState) {
  return {
    state: to,
    updatedAt: sql`now()`,
    ...(to === 'paid' ? { paidAt: sql`now()` } : {}),
    ...(to === 'canceled' ? { canceledAt: sql`now()` } : {}),
  };
}

/**
 * Moves a link from one of `from` to `to`. Returns `undefined` when the link was in another state,
 * so a paid link can never be reopened or canceled by a late caller.
 */
export async function transitionPaymentLink(
  db: Database,
  id: string,
  from: readonly PaymentLinkState[],
  to: PaymentLinkState,
): Promise<PaymentLink | undefined> {
  const [row] = await db
    .update(paymentLinks)
    .set(linkStateChange(to))
    .where(and(eq(paymentLinks.id, id), inArray(paymentLinks.state, [...from])))
    .returning();
  return row;
}

export async function listPaymentLinksForCustomer(
  db: Database,
  mewsCustomerId: string,
  limit = 50,
): Promise<PaymentLink[]> {
  return db
    .select()
    .from(paymentLinks)
    .where(eq(paymentLinks.mewsCustomerId, mewsCustomerId))
    .orderBy(desc(paymentLinks.createdAt))
    .limit(limit);
}
